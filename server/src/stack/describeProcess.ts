// Markdown lines that explain what a container's process is, for the Dockerfile CMD/ENTRYPOINT hover and
// the compose `command`/`ports` hovers: the program (a package.json script, Node.js, nginx, a well-known
// server with its address, domain-facts §7), and for Python apps the file the import string resolves to.
import * as path from 'node:path';
import { code } from '../compose/hovers/cursor';
import { isLoopbackHost, type ServerInfo } from '../dockerfile/servers';
import { pythonTarget } from './pythonApp';
import { runtimeFile, type RuntimeFile } from './runtimeFiles';
import type { ServiceProcess } from './serviceProcess';

export function listenText(server: ServerInfo): string {
  const addr = code(`${server.host}:${server.port}`);
  if (isLoopbackHost(server.host)) return `${addr}${server.hostDefault ? ' (its default)' : ''}: the container's own loopback, which a published port cannot reach — use \`${server.hostOption}\``;
  const all = server.host === '0.0.0.0' || server.host === '::';
  return `${addr}${server.portDefault ? ' (default port)' : ''}${all ? ' (all interfaces): reachable through a published port' : ''}`;
}

function fileText(file: RuntimeFile, imagePath: string): string {
  switch (file.kind) {
    case 'context':
      return `${code(imagePath)} — found: build-context file ${code(file.rel)} (COPY on line ${file.line + 1})`;
    case 'host':
      return `${code(imagePath)} — found: bind-mounted from ${code(file.path)}`;
    case 'mounted-missing':
      return `${code(imagePath)} — **missing**: the bind mount shows ${code(file.path)} there, which does not exist`;
    case 'missing':
      return `${code(imagePath)} — **missing** from what the COPY lines bring`;
    case 'unknown':
      return `${code(imagePath)} — cannot tell (${file.why})`;
  }
}

export function describeProcess(process: ServiceProcess): string[] {
  const lines: string[] = [];
  const script = process.script;
  if (script) lines.push(`${code(`${script.manager} ${script.manager === 'npm' && script.script !== 'start' && script.script !== 'test' ? 'run ' : ''}${script.script}`)} runs the ${code(script.script)} script of ${code(script.packageJson)}: ${code(script.text)}${script.words.length > (script.text.split(/\s+/).length) ? `, with ${code(script.words.slice(script.text.split(/\s+/).length).join(' '))} appended` : ''}.`);
  const words = script?.words ?? process.words;
  const server = process.server;
  if (server) {
    lines.push(`Starts ${server.label} (${server.kind}), listening on ${listenText(server)}.`);
    if (server.reload && server.server !== 'vite') lines.push('`--reload` watches the files and restarts the server on changes: a development setting.');
  } else {
    const prog = path.posix.basename(words[0] ?? '');
    if (prog === 'node' && words[1] && !words[1].startsWith('-')) {
      lines.push(`Runs ${code(words[1])} with Node.js. Where it listens is set in the code: \`server.listen(port)\` without a host listens on all interfaces; a host of \`localhost\`/\`127.0.0.1\` cannot be reached through a published port.`);
      const file = process.scope && process.workdir ? runtimeFile(process.scope, path.posix.resolve(process.workdir, words[1]), false) : undefined;
      if (file && !/\.(ts|mts|cts)$/.test(words[1])) lines.push(`- ${fileText(file, path.posix.resolve(process.workdir!, words[1]))}${file.kind === 'missing' ? ' (a build step in the image may create it)' : ''}.`);
    } else if (prog === 'nginx') {
      lines.push(`Starts nginx (web server and reverse proxy). It listens where the \`listen\` directives of its configuration say.${words.join(' ').includes('daemon off;') ? " `-g 'daemon off;'` keeps it in the foreground, so it stays the container's main process." : ''}`);
    }
  }
  const target = pythonTarget(process);
  if (target) {
    const what = target.kind === 'import' ? `${code(target.written)}: the object ${code(target.written.split(':')[1] ?? 'application')} of module ${code(target.written.split(':')[0]!)}, looked up in` : `${code(target.written)}:`;
    lines.push(`${what}`);
    const shown = target.found ? target.tried.slice(0, target.tried.findIndex((t) => t.imagePath === target.found!.imagePath) + 1) : target.tried;
    for (const t of shown) lines.push(`- ${fileText(t.file, t.imagePath + (t.isDir ? '/' : ''))}`);
  }
  return lines;
}
