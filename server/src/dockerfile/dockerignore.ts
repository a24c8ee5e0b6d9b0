// `.dockerignore` matching (domain-facts §5.2): patterns anchored at the context root, Go filepath.Match
// syntax plus `**`, `!` re-includes, the last matching line wins, and a pattern that matches a folder
// excludes what is inside it. `<Dockerfile>.dockerignore` beside the Dockerfile takes precedence.
import * as path from 'node:path';

export type IgnoreMatcher = (relPath: string) => boolean;

export const NOTHING_IGNORED: IgnoreMatcher = () => false;

interface Pattern {
  negate: boolean;
  re: RegExp;
}

export function parseDockerignore(text: string): IgnoreMatcher {
  const patterns: Pattern[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const negate = line.startsWith('!');
    if (negate) line = line.slice(1).trim();
    line = path.posix.normalize(line).replace(/^\/+/, '').replace(/\/+$/, '');
    if (line === '' || line === '.') continue;
    patterns.push({ negate, re: toRegExp(line) });
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
      if (candidates.some((c) => pattern.re.test(c))) ignored = !pattern.negate;
    }
    return ignored;
  };
}

function toRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        // `**` matches any number of folders (also none): `**/x`, `a/**/b`, `a/**`.
        i++;
        if (pattern[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        re += '[' + pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else if (c === '\\' && i + 1 < pattern.length) {
      re += '\\' + pattern[++i];
    } else re += /[.+^${}()|\\]/.test(c) ? '\\' + c : c;
  }
  return new RegExp(`^${re}$`);
}
