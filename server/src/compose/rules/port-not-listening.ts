// Rule port-not-listening: the service publishes container ports, but the server its command starts
// listens on another one (e.g. `"8000:80"` while uvicorn runs on 8000). The published port forwards to a
// container port where nothing listens. Needs the server's port to be certain (domain-facts §7 defaults).
import type { Rule } from '../../core/rule';
import type { Finding } from '../../core/types';
import { addressSetElsewhere } from '../../stack/addressSources';
import { serviceProcess } from '../../stack/serviceProcess';
import { code, nodeRange } from '../hovers/cursor';
import type { ComposeModel } from '../model';
import { formatRange } from '../ports';
import { isScalar } from '../yamlTree';
import { textEdit } from '../yamlEdit';

export const ID = 'port-not-listening';

export const portNotListening: Rule<ComposeModel> = {
  id: ID,
  kind: 'compose',
  title: 'Published container port is not the one the server listens on',
  defaultSeverity: 'warning',
  docs: `A port mapping forwards a host port to a **container** port (the right-hand side). When the
service's command starts a well-known server (uvicorn, gunicorn, \`flask run\`, Django \`runserver\`, Vite; its
command read from the compose \`command\` or from the Dockerfile the service builds) and none of the published
TCP container ports is the one it listens on, the browser gets "connection reset" or "empty reply".
Example: \`"8000:80"\` while \`uvicorn app.main:app --host 0.0.0.0\` listens on 8000 (its default).
Silent when the port may come from elsewhere (\`PORT\`, \`UVICORN_PORT\`, \`FLASK_RUN_PORT\` set from the shell
or an unreadable \`env_file\`, a gunicorn or Vite config file) or when the service uses host networking.
The quick-fix, offered when there is one mapping, changes its container port to the server's.`,
  check(model, context) {
    const out: Finding[] = [];
    for (const service of model.services) {
      if (service.ports.length === 0 || service.networkMode?.interpolated.value === 'host') continue;
      const process = serviceProcess(model, service, context.workspace);
      const server = process?.server;
      if (!process || !server || !Number.isInteger(server.port) || addressSetElsewhere(process)) continue;
      const tcp = service.ports.filter((p) => p.parse.ok && p.parse.spec.protocol === 'tcp');
      if (tcp.length === 0 || service.ports.some((p) => !p.parse.ok)) continue;
      const listens = tcp.some((p) => p.parse.ok && p.parse.spec.target.start <= server.port && server.port <= p.parse.spec.target.end);
      if (listens) continue;
      const where = process.origin.kind === 'compose' ? `its \`${process.origin.key}\`` : `the Dockerfile's ${process.origin.ins.keyword} (line ${process.origin.ins.startLine + 1})`;
      for (const port of tcp) {
        if (!port.parse.ok) continue;
        const spec = port.parse.spec;
        const portText = formatRange(spec.target);
        const fix = tcp.length === 1 ? containerPortEdit(model, port.node, portText, String(server.port)) : undefined;
        out.push({
          ruleId: ID,
          range: nodeRange(model, port.node),
          message: `This mapping forwards to container port ${portText}, but ${server.label} (started by ${where}) listens on port ${server.port}${server.portDefault ? ' (its default)' : ''}: nothing answers on ${portText}. Publish ${code(`${spec.published ? `${formatRange(spec.published)}:` : ''}${server.port}`)}, or make the server listen on ${portText}.`,
          fixes: fix ? [{ title: `Forward to container port ${server.port}`, edits: [fix], isPreferred: true }] : [],
        });
      }
    }
    return out;
  },
};

/** Replaces the container port of a short-syntax mapping (`"8000:80"` → `"8000:8000"`), quotes kept. */
function containerPortEdit(model: ComposeModel, node: unknown, oldPort: string, newPort: string) {
  if (!isScalar(node) || !node.range) return undefined;
  const [start, end] = node.range;
  const text = model.text.slice(start, end);
  const m = new RegExp(`(^|[:"'\\s])${oldPort}(/(?:tcp|udp|sctp))?(["']?)$`).exec(text);
  if (!m) return undefined;
  const at = start + m.index + m[1]!.length;
  return textEdit(model, at, at + oldPort.length, newPort);
}
