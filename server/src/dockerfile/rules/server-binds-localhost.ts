// Rule server-binds-localhost: the container's command starts a server that listens on 127.0.0.1/localhost
// (explicitly or by default) while its compose service publishes ports: the published port forwards to
// the container's network interface, which the server does not listen on (domain-facts §7). Reported where
// the command is written (the Dockerfile's CMD/ENTRYPOINT or the compose `command`), and silent when the
// address may come from elsewhere.
import type { Rule } from '../../core/rule';
import type { Finding, TextEdit } from '../../core/types';
import type { ComposeModel, ServiceModel } from '../../compose/model';
import { commandWords } from '../ecosystems';
import type { DfInstruction, DockerfileModel } from '../model';
import { runCommands } from '../shell';
import { isLoopbackHost, type ServerInfo } from '../servers';
import { addressSetElsewhere } from '../../stack/addressSources';
import { composeWordsEdit } from '../../stack/composeCommandEdit';
import { composeSetProcesses, dockerfileProcess, type ServiceProcess } from '../../stack/serviceProcess';

export const ID = 'server-binds-localhost';
const TITLE = 'Server listens on localhost inside a container whose port is published';
const DOCS = `A server bound to \`127.0.0.1\` listens on the container's own loopback interface. A published port
forwards to the container's network interface, so the server cannot be reached: the browser gets "connection
reset". uvicorn, \`flask run\`, Django's \`runserver\` and gunicorn listen on 127.0.0.1 by default, Vite on
localhost. Reported on the command (the Dockerfile's CMD/ENTRYPOINT, or the compose \`command\` that
overrides it) when the compose service publishes ports, and not when the address may come from elsewhere
(\`UVICORN_HOST\`, \`FLASK_RUN_HOST\`, \`GUNICORN_CMD_ARGS\`, \`PORT\` for gunicorn, a \`gunicorn.conf.py\` or
Vite config in the working directory, an \`env_file\` that cannot be read, a command inherited from a base image).
The quick-fix adds the option that listens on all interfaces (\`--host 0.0.0.0\` …) after the program.`;

/** The server of a published service that listens on loopback only, or undefined. */
function loopbackServer(service: ServiceModel, process: ServiceProcess): ServerInfo | undefined {
  if (service.ports.length === 0 || service.networkMode?.interpolated.value === 'host') return undefined;
  const server = process.server;
  if (!server || !isLoopbackHost(server.host) || addressSetElsewhere(process)) return undefined;
  return server;
}

function message(server: ServerInfo, service: ServiceModel): string {
  return `${server.label} listens on ${server.host}:${server.port}${server.hostDefault ? ' (its default)' : ''} inside the container, but compose service \`${service.name}\` publishes ports: the published port forwards to the container's network interface, where nothing listens. Listen on all interfaces (\`${server.hostOption}\`).`;
}

const fixTitle = (server: ServerInfo) => `Listen on all interfaces (\`${server.hostOption}\`)`;

export const serverBindsLocalhost: Rule<DockerfileModel> = {
  id: ID,
  kind: 'dockerfile',
  title: TITLE,
  defaultSeverity: 'warning',
  docs: DOCS,
  check(model, context) {
    const found = dockerfileProcess(model, context);
    if (!found?.service || found.process.origin.kind !== 'dockerfile' || found.process.script) return [];
    const server = loopbackServer(found.service, found.process);
    if (!server) return [];
    const ins = found.process.origin.ins;
    const edit = hostEdit(model, ins, found.process.words, server);
    return [{ ruleId: ID, range: ins.range, message: message(server, found.service), fixes: edit ? [{ title: fixTitle(server), edits: [edit], isPreferred: true }] : [] }];
  },
};

/** The compose side: a `command:` that starts the server. */
export const serverBindsLocalhostCompose: Rule<ComposeModel> = {
  id: ID,
  kind: 'compose',
  title: TITLE,
  defaultSeverity: 'warning',
  docs: DOCS,
  check(model, context) {
    const out: Finding[] = [];
    for (const { service, process } of composeSetProcesses(model, context.workspace)) {
      if (!service.command || process.script) continue;
      const server = loopbackServer(service, process);
      if (!server) continue;
      const edit = server.hostDefault && !(server.server === 'django' && !server.portDefault) ? composeWordsEdit(model, service, process, server.insertAfter, server.hostOption.split(' ')) : undefined;
      out.push({ ruleId: ID, range: rangeOf(model, process.origin.node), message: message(server, service), fixes: edit ? [{ title: fixTitle(server), edits: [edit], isPreferred: true }] : [] });
    }
    return out;
  },
};

function rangeOf(model: ComposeModel, node: { range?: [number, number, number] | null }) {
  const [start, end] = node.range ?? [0, 0];
  return { start: model.doc.positionAt(start), end: model.doc.positionAt(end) };
}

/**
 * Inserts the host option right after the program (or subcommand) in the instruction that holds the whole
 * command line. Only when the server's address is the default one: an explicit loopback address is the
 * author's choice to change by hand.
 */
function hostEdit(model: DockerfileModel, ins: DfInstruction, words: string[], server: ServerInfo): TextEdit | undefined {
  if (!server.hostDefault || (server.server === 'django' && !server.portDefault)) return undefined;
  const pos = (offset: number) => model.doc.positionAt(offset);
  if (ins.json) {
    if (ins.json.length !== words.length) return undefined; // ENTRYPOINT + CMD: which one to edit is a choice
    const text = model.text.slice(ins.argsStart, ins.end);
    const tokens = [...text.matchAll(/"(?:[^"\\]|\\.)*"/g)];
    const after = tokens[server.insertAfter];
    if (!after || tokens.length !== words.length) return undefined;
    const at = ins.argsStart + after.index! + after[0].length;
    const inserted = server.hostOption.split(' ').map((w) => JSON.stringify(w)).join(', ');
    return { range: { start: pos(at), end: pos(at) }, newText: `, ${inserted}` };
  }
  const cmd = runCommands(model, ins)[0];
  const cmdWords = cmd ? commandWords(cmd) : [];
  if (cmdWords.length !== words.length) return undefined;
  const after = cmdWords[server.insertAfter];
  if (!after) return undefined;
  return { range: { start: pos(after.end), end: pos(after.end) }, newText: ` ${server.hostOption}` };
}
