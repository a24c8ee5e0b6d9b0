// Markdown lines that explain what a container's process is, for the Dockerfile CMD/ENTRYPOINT hover and
// the compose `command`/`ports` hovers: the program (a package.json script, Node.js, nginx, a well-known
// server with its address, domain-facts §7), and for Python apps the file the import string resolves to.
import * as path from 'node:path';
import { code } from '../compose/hovers/cursor';
import { isLoopbackHost, type ServerInfo } from '../dockerfile/servers';
import { addressSetElsewhere } from './addressSources';
import { pythonTarget } from './pythonApp';
import { runtimeFile, type RuntimeFile } from './runtimeFiles';
import type { ServiceProcess } from './serviceProcess';

export function listenText(server: ServerInfo): string {
  // A variable that is set where we cannot read it (an unreadable env_file, the shell) leaves `${NAME}`.
  if (!Number.isInteger(server.port) || server.host.includes('${')) {
    return `an address set by ${server.setBy.map(code).join(' and ') || 'the environment'}, whose value is not known here`;
  }
  const addr = code(`${server.host}:${server.port}`);
  const loopback = isLoopbackHost(server.host);
  const all = server.host === '0.0.0.0' || server.host === '::';
  const notes: string[] = [];
  if (server.setBy.length > 0) notes.push(`set by ${server.setBy.map(code).join(' and ')}`);
  if (server.hostDefault && server.portDefault && server.setBy.length === 0) notes.push('its default');
  else if (server.portDefault) notes.push('default port');
  else if (server.hostDefault && loopback && server.setBy.length === 0) notes.push('default host');
  if (all) notes.push('all interfaces');
  const head = `${addr}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
  if (loopback) return `${head}: the container's own loopback, which a published port cannot reach — use \`${server.hostOption}\``;
  return all ? `${head}: reachable through a published port` : head;
}

/** What auto-reload means for this server, when its command turns it on (a development setting). */
export function reloadLine(server: ServerInfo, words: string[]): string | undefined {
  if (!server.reload || server.server === 'vite') return undefined;
  if (server.server === 'django') return '`runserver` reloads itself when Python code changes (unless `--noreload`): a development server, not one for production.';
  if (server.server === 'flask' && words.includes('--debug')) return '`--debug` turns on debug mode: the interactive debugger and the reloader, which restarts the server when code changes — for development only.';
  return '`--reload` watches the files and restarts the server on changes: a development setting.';
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

/** Lines as markdown paragraphs: a blank line between sentences, list items kept under their heading. */
export function asParagraphs(lines: string[]): string[] {
  return lines.flatMap((l, i) => (i === 0 || l.startsWith('- ') ? [l] : ['', l]));
}

export function describeProcess(process: ServiceProcess): string[] {
  const lines: string[] = [];
  const script = process.script;
  if (script) lines.push(`${code(`${script.manager} ${script.manager === 'npm' && script.script !== 'start' && script.script !== 'test' ? 'run ' : ''}${script.script}`)} runs the ${code(script.script)} script of ${code(script.packageJson)}: ${code(script.text)}${script.words.length > (script.text.split(/\s+/).length) ? `, with ${code(script.words.slice(script.text.split(/\s+/).length).join(' '))} appended` : ''}.`);
  const words = script?.words ?? process.words;
  const server = process.server;
  if (server) {
    lines.push(`Starts ${server.label} (${server.kind}), listening on ${listenText(server)}.`);
    const elsewhere = addressSetElsewhere(process);
    if (elsewhere) lines.push(`That is what its command line and defaults say, but ${elsewhere}: the address and port may differ.`);
    const reload = reloadLine(server, words);
    if (reload) lines.push(reload);
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
    const what = target.kind === 'import' ? `${code(target.written)}: the object ${code(target.written.split(':')[1] ?? 'application')} of module ${code(target.written.split(':')[0]!)}, looked up in` : `Runs the Python script ${code(target.written)}:`;
    lines.push(`${what}`);
    const shown = target.found ? target.tried.slice(0, target.tried.findIndex((t) => t.imagePath === target.found!.imagePath) + 1) : target.tried;
    for (const t of shown) lines.push(`- ${fileText(t.file, t.imagePath + (t.isDir ? '/' : ''))}`);
  }
  return lines;
}
