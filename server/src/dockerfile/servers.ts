// Well-known servers started by a container's command, and where they listen (domain-facts §7):
// uvicorn (127.0.0.1:8000), gunicorn (127.0.0.1:8000, but 0.0.0.0:$PORT when PORT is set), `flask run`
// (127.0.0.1:5000), Django `runserver` (127.0.0.1:8000), Vite (localhost:5173). Environment variables and
// config files that can change the address make the result "unknown" rather than a guess.

export interface ServerInfo {
  server: 'uvicorn' | 'gunicorn' | 'flask' | 'django' | 'vite';
  label: string;
  /** What it is (ASGI server, WSGI server, development server …). */
  kind: string;
  host: string;
  port: number;
  /** True when the address is the server's default (not given on the command line). */
  hostDefault: boolean;
  /** True when the port is the server's built-in default (neither the command line nor a variable sets it). */
  portDefault: boolean;
  /** The environment variables that set the host or port, when they do (`PORT` for gunicorn …). */
  setBy: string[];
  reload: boolean;
  /** `module:attr` import string, for uvicorn and gunicorn. */
  app?: string;
  /** Index in the words of the word to insert a host option after (the program or subcommand). */
  insertAfter: number;
  /** The option that makes it listen on all interfaces. */
  hostOption: string;
}

const valueOf = (words: string[], names: string[]): string | undefined => {
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    for (const n of names) {
      if (w === n) return words[i + 1];
      if (w.startsWith(`${n}=`)) return w.slice(n.length + 1);
    }
  }
  return undefined;
};

/** Reads the server a command line starts, or undefined when it is not one of the known ones. */
export function recogniseServer(words: string[], env: (name: string) => string | undefined): ServerInfo | undefined {
  let i = 0;
  // `python -m uvicorn …`, `python3 -m flask run …`, `python manage.py runserver`.
  if (/^python[\d.]*$/.test(words[0] ?? '') && words[1] === '-m') i = 2;
  const prog = (words[i] ?? '').replace(/^.*\//, '');
  const rest = words.slice(i + 1);
  const positional = rest.filter((w, k) => !w.startsWith('-') && !(rest[k - 1] ?? '').match(/^--?(host|port|bind|b|workers|w|app-dir|config|c|k|worker-class)$/));
  if (prog === 'uvicorn') {
    const host = valueOf(rest, ['--host']);
    const port = valueOf(rest, ['--port']);
    return {
      server: 'uvicorn', label: 'uvicorn', kind: 'ASGI server',
      host: host ?? env('UVICORN_HOST') ?? '127.0.0.1', hostDefault: host === undefined && env('UVICORN_HOST') === undefined,
      port: Number(port ?? env('UVICORN_PORT') ?? 8000), portDefault: port === undefined && env('UVICORN_PORT') === undefined,
      setBy: usedVariables(env, host === undefined ? ['UVICORN_HOST'] : [], port === undefined ? ['UVICORN_PORT'] : []),
      reload: rest.includes('--reload'), app: positional[0], insertAfter: i, hostOption: '--host 0.0.0.0',
    };
  }
  if (prog === 'gunicorn') {
    const bind = valueOf(rest, ['-b', '--bind']);
    const fromEnv = env('PORT');
    const [host, port] = bind ? splitBind(bind) : fromEnv ? ['0.0.0.0', Number(fromEnv)] : ['127.0.0.1', 8000];
    return {
      server: 'gunicorn', label: 'gunicorn', kind: 'WSGI server',
      host, port, hostDefault: bind === undefined, portDefault: bind === undefined && !fromEnv,
      setBy: bind === undefined && fromEnv ? ['PORT'] : [],
      reload: rest.includes('--reload'), app: positional[0], insertAfter: i, hostOption: '--bind 0.0.0.0:8000',
    };
  }
  if (prog === 'flask' && rest.includes('run')) {
    const host = valueOf(rest, ['--host', '-h']);
    const port = valueOf(rest, ['--port', '-p']);
    return {
      server: 'flask', label: '`flask run`', kind: 'Flask development server',
      host: host ?? env('FLASK_RUN_HOST') ?? '127.0.0.1', hostDefault: host === undefined && env('FLASK_RUN_HOST') === undefined,
      port: Number(port ?? env('FLASK_RUN_PORT') ?? 5000), portDefault: port === undefined && env('FLASK_RUN_PORT') === undefined,
      setBy: usedVariables(env, host === undefined ? ['FLASK_RUN_HOST'] : [], port === undefined ? ['FLASK_RUN_PORT'] : []),
      reload: rest.includes('--reload') || rest.includes('--debug'), insertAfter: i + 1 + rest.indexOf('run'), hostOption: '--host 0.0.0.0',
    };
  }
  if ((prog === 'manage.py' || words[i + 1] === 'manage.py' || prog === 'django-admin') && words.includes('runserver')) {
    const at = words.indexOf('runserver');
    const addr = words.slice(at + 1).find((w) => !w.startsWith('-'));
    const [host, port] = addr ? (addr.includes(':') ? splitBind(addr) : ['127.0.0.1', Number(addr)]) : ['127.0.0.1', 8000];
    return {
      server: 'django', label: 'Django `runserver`', kind: 'Django development server',
      host, port, hostDefault: !addr?.includes(':'), portDefault: addr === undefined, setBy: [],
      reload: !words.includes('--noreload'), insertAfter: at, hostOption: addr && !addr.includes(':') ? `0.0.0.0:${addr}` : '0.0.0.0:8000',
    };
  }
  if (prog === 'vite' || (prog === 'npx' && words[i + 1] === 'vite')) {
    const host = rest.includes('--host') ? (valueOf(rest, ['--host']) ?? '0.0.0.0') : undefined;
    const port = valueOf(rest, ['--port']);
    return {
      server: 'vite', label: 'Vite', kind: 'Vite development server',
      host: host === undefined || host.startsWith('-') ? (host === undefined ? 'localhost' : '0.0.0.0') : host, hostDefault: host === undefined,
      port: Number(port ?? 5173), portDefault: port === undefined, setBy: [],
      reload: true, insertAfter: prog === 'npx' ? i + 1 : i, hostOption: '--host 0.0.0.0',
    };
  }
  return undefined;
}

function usedVariables(env: (name: string) => string | undefined, ...candidates: string[][]): string[] {
  return candidates.flat().filter((name) => env(name) !== undefined);
}

function splitBind(bind: string): [string, number] {
  const at = bind.lastIndexOf(':');
  if (at < 0) return [bind, 8000];
  return [bind.slice(0, at).replace(/^\[|\]$/g, '') || '0.0.0.0', Number(bind.slice(at + 1))];
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host.startsWith('127.') || host === '::1';
}
