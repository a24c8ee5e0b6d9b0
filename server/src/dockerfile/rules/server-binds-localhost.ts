// Rule server-binds-localhost: the image's command starts a server that listens on 127.0.0.1/localhost
// (explicitly or by default) while a compose service built from this Dockerfile publishes ports: the
// published port forwards to the container's network interface, which the server does not listen on
// (domain-facts §7). Silent when the address may come from elsewhere.
import * as path from 'node:path';
import type { Rule } from '../../core/rule';
import type { Finding, TextEdit } from '../../core/types';
import { commandWords } from '../ecosystems';
import type { DfInstruction } from '../model';
import { runCommands } from '../shell';
import { loadComposeFile } from '../../compose/project';
import { contextView } from '../context';
import { imageCommand } from '../command';
import type { DockerfileModel } from '../model';
import { isLoopbackHost, recogniseServer, type ServerInfo } from '../servers';

export const ID = 'server-binds-localhost';

export const serverBindsLocalhost: Rule<DockerfileModel> = {
  id: ID,
  kind: 'dockerfile',
  title: 'Server listens on localhost inside a container whose port is published',
  defaultSeverity: 'warning',
  docs: `A server bound to \`127.0.0.1\` listens on the container's own loopback interface. A published port
forwards to the container's network interface, so the server cannot be reached: the browser gets "connection
reset". uvicorn, \`flask run\`, Django's \`runserver\` and gunicorn listen on 127.0.0.1 by default, Vite on
localhost. Reported when a compose service built from this Dockerfile publishes ports, and not when the
address may come from elsewhere (\`UVICORN_HOST\`, \`FLASK_RUN_HOST\`, \`GUNICORN_CMD_ARGS\`, \`PORT\` for
gunicorn, a \`gunicorn.conf.py\`, a compose \`command\` override).`,
  check(model, context) {
    const build = contextView(model, context).context;
    if (build?.origin.kind !== 'compose') return [];
    const compose = loadComposeFile(build.origin.file, context.workspace);
    const service = compose?.serviceByName.get(build.origin.service);
    if (!service || service.ports.length === 0 || service.command || service.entrypoint || service.networkMode?.interpolated.value === 'host') return [];
    const target = service.build?.target?.interpolated.value.toLowerCase();
    const stage = target ? model.stages.findIndex((s) => s.name === target) : model.stages.length - 1;
    const command = stage >= 0 ? imageCommand(model, stage) : undefined;
    if (!command) return [];
    const composeEnv = (name: string) => service.environment.find((e) => e.name === name)?.value;
    const env = (name: string) => composeEnv(name) ?? command.env.get(name);
    if (env('GUNICORN_CMD_ARGS') !== undefined) return [];
    const server = recogniseServer(command.words, env);
    if (!server || !isLoopbackHost(server.host)) return [];
    if (server.server === 'gunicorn' && context.workspace.exists(path.join(build.dir, 'gunicorn.conf.py'))) return [];
    const edit = hostEdit(model, command.ins, command.words, server);
    const finding: Finding = {
      ruleId: ID,
      range: command.ins.range,
      message: `${server.label} listens on ${server.host}:${server.port}${server.hostDefault ? ' (its default)' : ''} inside the container, but compose service \`${service.name}\` publishes ports: the published port forwards to the container's network interface, where nothing listens. Listen on all interfaces (\`${server.hostOption}\`).`,
      fixes: edit ? [{ title: `Listen on all interfaces (\`${server.hostOption}\`)`, edits: [edit], isPreferred: true }] : [],
    };
    return [finding];
  },
};

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
