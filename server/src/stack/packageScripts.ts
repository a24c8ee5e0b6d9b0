// `npm run dev`, `npm start`, `yarn dev`, `pnpm dev`: the command line of the package.json script they run,
// read from the package.json the image has in its working directory (found in the build context through
// the COPY lines). The arguments after `--` (npm) or after the script name (yarn, pnpm) are appended.
import * as path from 'node:path';
import type { ServiceImage } from './serviceImage';
import { imageFile } from './imageFiles';
import { finalProgram, splitShellWords } from './shellWords';

export interface ScriptRun {
  manager: string;
  script: string;
  /** The script's text in package.json. */
  text: string;
  /** The words it runs, with the extra arguments appended. */
  words: string[];
  packageJson: string;
}

function scriptCall(words: string[]): { manager: string; script: string; extra: string[] } | undefined {
  const [manager, sub, name, ...rest] = words;
  if (manager === 'npm') {
    if (sub === 'start' || sub === 'test') return { manager, script: sub, extra: afterDashes([name ?? '', ...rest].filter(Boolean)) };
    if ((sub === 'run' || sub === 'run-script') && name) return { manager, script: name, extra: afterDashes(rest) };
    return undefined;
  }
  if (manager === 'yarn' || manager === 'pnpm') {
    if (sub === 'run' && name) return { manager, script: name, extra: rest[0] === '--' ? rest.slice(1) : rest };
    if (sub && !sub.startsWith('-') && !['install', 'add', 'exec', 'dlx', 'i', 'ci'].includes(sub)) {
      const more = [name, ...rest].filter((w): w is string => w !== undefined);
      return { manager, script: sub, extra: more[0] === '--' ? more.slice(1) : more };
    }
  }
  return undefined;
}

function afterDashes(words: string[]): string[] {
  const at = words.indexOf('--');
  return at < 0 ? [] : words.slice(at + 1);
}

export function packageScript(words: string[], image: ServiceImage | undefined, workdir: string | undefined): ScriptRun | undefined {
  const call = scriptCall(words);
  if (!call || !image || !workdir) return undefined;
  const found = imageFile(image.model, image.stage, image.context, path.posix.join(workdir, 'package.json'), (rel) => image.context.exists(rel) && !image.context.isDirectory(rel));
  if (found.kind !== 'context') return undefined;
  let scripts: unknown;
  try {
    scripts = (JSON.parse(image.context.readText(found.rel) ?? 'null') as { scripts?: unknown } | null)?.scripts;
  } catch {
    return undefined;
  }
  // Own keys only: `npm run constructor` must not find Object's constructor.
  const text = scripts && typeof scripts === 'object' && Object.hasOwn(scripts, call.script) ? (scripts as Record<string, unknown>)[call.script] : undefined;
  if (typeof text !== 'string') return undefined;
  const split = splitShellWords(text);
  const program = split && finalProgram(['sh', '-c', text]);
  if (!program) return undefined;
  return { manager: call.manager, script: call.script, text, words: [...program, ...call.extra], packageJson: found.rel };
}
