// Places other than the command line that can set where a server listens. When one of them may be in
// play, the rules that compare addresses and ports stay silent (a wrong warning is worse than none).
import * as path from 'node:path';
import { runtimeFile } from './runtimeFiles';
import type { ServiceProcess } from './serviceProcess';

const VITE_CONFIGS = ['vite.config.js', 'vite.config.ts', 'vite.config.mjs', 'vite.config.cjs', 'vite.config.mts', 'vite.config.cts'];

/** Why the address may come from elsewhere, or undefined when the command line (and defaults) decide it. */
export function addressSetElsewhere(process: ServiceProcess): string | undefined {
  const server = process.server;
  if (!server) return 'no known server';
  if (server.server === 'gunicorn') {
    if (process.env('GUNICORN_CMD_ARGS') !== undefined) return '`GUNICORN_CMD_ARGS` is set';
    if (process.words.some((w) => w === '-c' || w === '--config' || w.startsWith('--config='))) return 'a gunicorn config file is given';
    if (inWorkdir(process, ['gunicorn.conf.py'])) return 'a `gunicorn.conf.py` is in the working directory';
  }
  if (server.server === 'vite' && inWorkdir(process, VITE_CONFIGS)) return 'a Vite config file may set `server.host`/`server.port`';
  if (server.server === 'uvicorn' && process.words.some((w) => w === '--uds' || w === '--fd' || w.startsWith('--uds=') || w.startsWith('--fd='))) return 'it listens on a socket given by `--uds`/`--fd`';
  return undefined;
}

/**
 * Whether one of `names` may be in the working directory at run time. Without a known image and folder
 * the answer is "may be" (true): silence is the safe side.
 */
function inWorkdir(process: ServiceProcess, names: string[]): boolean {
  const scope = process.scope;
  if (!scope || !process.workdir) return true;
  return names.some((n) => {
    const found = runtimeFile(scope, path.posix.join(process.workdir!, n), false);
    return found.kind !== 'missing' && found.kind !== 'mounted-missing';
  });
}
