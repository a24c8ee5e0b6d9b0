// `.dockerignore` matching (domain-facts §5.2): patterns anchored at the context root, Go filepath.Match
// syntax plus `**`, `!` re-includes, the last matching line wins, and a pattern that matches a folder
// excludes what is inside it. `<Dockerfile>.dockerignore` beside the Dockerfile takes precedence.
import * as path from 'node:path';

export type IgnoreMatcher = (relPath: string) => boolean;

export const NOTHING_IGNORED: IgnoreMatcher = () => false;

interface Pattern {
  negate: boolean;
  matches: (path: string) => boolean;
}

const MAX_PATTERN_CHARS = 4096;

export function parseDockerignore(text: string): IgnoreMatcher {
  const patterns: Pattern[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1).trim();
    line = path.posix.normalize(line).replace(/^\/+/, '').replace(/\/+$/, '');
    if (line === '' || line === '.') continue;
    // No path is longer (PATH_MAX is 4,096): a longer pattern can match nothing, and would cost time.
    if (line.length > MAX_PATTERN_CHARS) continue;
    patterns.push({ negate, matches: globMatcher(line) });
  }
  if (patterns.length === 0) return NOTHING_IGNORED;
  return (relPath) => {
    const p = path.posix.normalize(relPath).replace(/^\.\/+/, '').replace(/\/+$/, '');
    // The path and each of its parent folders: excluding a folder excludes its contents.
    const candidates: string[] = [];
    const parts = p.split('/');
    for (let i = 1; i <= parts.length; i++) candidates.push(parts.slice(0, i).join('/'));
    let ignored = false;
    for (const pattern of patterns) {
      if (candidates.some((c) => pattern.matches(c))) ignored = !pattern.negate;
    }
    return ignored;
  };
}

type Token =
  | { kind: 'char'; c: string }
  | { kind: 'one' } // `?`: one character, not `/`
  | { kind: 'star' } // `*`: any characters but `/`
  | { kind: 'any' } // `**` at the end or inside a name: any characters
  | { kind: 'dirs' } // `**/`: any number of whole folders, also none
  | { kind: 'class'; re: RegExp }; // `[…]`, tested on one character

/** The character class opening at `i` (`!` negates), or undefined: unclosed or invalid, so a plain `[`. */
function classOf(pattern: string, i: number): RegExp | undefined {
  const close = pattern.indexOf(']', i + 1);
  if (close < 0) return undefined;
  try {
    return new RegExp('^[' + pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']$');
  } catch {
    return undefined;
  }
}

function tokenize(pattern: string): Token[] {
  const out: Token[] = [];
  let cls: RegExp | undefined;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') {
          i++;
          out.push({ kind: 'dirs' });
        } else out.push({ kind: 'any' });
      } else out.push({ kind: 'star' });
    } else if (c === '?') out.push({ kind: 'one' });
    else if (c === '[' && (cls = classOf(pattern, i))) {
      out.push({ kind: 'class', re: cls });
      i = pattern.indexOf(']', i + 1);
    } else if (c === '\\' && i + 1 < pattern.length) out.push({ kind: 'char', c: pattern[++i]! });
    else out.push({ kind: 'char', c });
  }
  return out;
}

/**
 * A matcher for one pattern, simulating all ways to match at once (time: pattern length × path length).
 * A backtracking RegExp took 53 s for `*a*a*a*a*ab` against a 255-character name: a workspace file must
 * not be able to stall the server.
 */
export function globMatcher(pattern: string): (path: string) => boolean {
  const tokens = tokenize(pattern);
  const n = tokens.length;
  return (p) => {
    // at[i]: about to match token i; mid[i]: inside a `**/` token, in the middle of a folder name.
    let at = new Uint8Array(n + 1);
    let mid = new Uint8Array(n + 1);
    const close = (a: Uint8Array) => {
      for (let i = 0; i < n; i++) if (a[i] && tokens[i]!.kind !== 'char' && tokens[i]!.kind !== 'one' && tokens[i]!.kind !== 'class') a[i + 1] = 1;
    };
    at[0] = 1;
    close(at);
    for (const ch of p) {
      const nextAt = new Uint8Array(n + 1);
      const nextMid = new Uint8Array(n + 1);
      let alive = false;
      for (let i = 0; i < n; i++) {
        const t = tokens[i]!;
        if (at[i]) {
          if (t.kind === 'char' ? t.c === ch : t.kind === 'one' ? ch !== '/' : t.kind === 'class' ? t.re.test(ch) : false) nextAt[i + 1] = 1;
          else if (t.kind === 'star' && ch !== '/') nextAt[i] = 1;
          else if (t.kind === 'any') nextAt[i] = 1;
          else if (t.kind === 'dirs') ch === '/' ? (nextAt[i] = 1) : (nextMid[i] = 1);
        }
        if (mid[i]) ch === '/' ? (nextAt[i] = 1) : (nextMid[i] = 1);
        alive ||= nextAt[i + 1] === 1 || nextAt[i] === 1 || nextMid[i] === 1;
      }
      if (!alive) return false;
      close(nextAt);
      at = nextAt;
      mid = nextMid;
    }
    return at[n] === 1;
  };
}
