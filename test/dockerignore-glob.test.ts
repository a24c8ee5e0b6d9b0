// .dockerignore patterns are matched by simulating every way to match at once (server/src/dockerfile/
// dockerignore.ts), not by a backtracking RegExp: checked here against the RegExp translation it replaced,
// on a table of patterns and paths, and on the pattern that took the RegExp 53 s.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { globMatcher } from '../server/src/dockerfile/dockerignore';

/** The previous translation, kept as the oracle: `**\/` folders, `**`, `*`, `?`, classes, escapes. */
function regexpOf(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
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

const PATTERNS = [
  'node_modules', '*.pyc', '**/*.pyc', '**/node_modules', 'a/**/b', 'a/**', '**', '*', '?', 'src/?.js',
  '[abc].txt', '[!a]*.md', '[a-c]/x', 'docs/*.md', '*/*.md', '.git', '.env*', 'build/**/out', '**/.git/**',
  'a\\*b', 'foo[', 'x.y', '**/**/z', '*/', 'a*b*c', '**/a*', 'dir/*/file',
];
const PATHS = [
  'node_modules', 'node_modules/x/y.js', 'a.pyc', 'src/a.pyc', 'src/deep/b.pyc', 'a/b', 'a/x/y/b', 'a', 'a/c',
  'x', 'src/a.js', 'src/ab.js', 'a.txt', 'd.txt', 'b.md', 'a.md', 'b/x', 'd/x', 'docs/r.md', 'docs/sub/r.md',
  'x/y.md', '.git', '.git/HEAD', '.env', '.env.local', 'build/x/y/out', 'build/out', 'p/.git/config', 'a*b',
  'ab', 'foo[', 'x.y', 'xzy', 'q/z', 'z', 'aXbYc', 'abc', 'q/abc', 'dir/sub/file', 'dir/file', '',
];

test('the .dockerignore matcher agrees with the RegExp translation on every pattern and path of the table', () => {
  const disagreements: string[] = [];
  for (const pattern of PATTERNS) {
    const match = globMatcher(pattern);
    const re = regexpOf(pattern);
    for (const p of PATHS) if (match(p) !== re.test(p)) disagreements.push(`${pattern} on ${JSON.stringify(p)}: ${match(p)}, RegExp ${re.test(p)}`);
  }
  assert.deepEqual(disagreements, []);
});

test('a pattern with many wildcards against a 255-character name (53 s with the RegExp) is answered', () => {
  const match = globMatcher(`${'*a'.repeat(5)}b`);
  assert.equal(match('a'.repeat(255)), false);
  assert.equal(match(`${'a'.repeat(254)}b`), true);
  assert.equal(globMatcher(`${'*a'.repeat(40)}b`)(`${'a'.repeat(4000)}`), false);
});
