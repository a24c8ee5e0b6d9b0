// Splits a command string into words the way Compose splits a string `command:` (shell-like quoting,
// no expansion), and finds the program a `sh -c "…"` wrapper finally runs.

/** Words of `text` with single/double quotes and backslashes honoured; undefined on unbalanced quotes. */
export function splitShellWords(text: string): string[] | undefined {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) word += text[++i];
      else word += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (c === '\\' && i + 1 < text.length) {
      word = (word ?? '') + text[++i];
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + c;
  }
  if (quote) return undefined;
  if (word !== undefined) words.push(word);
  return words;
}

const SHELLS = new Set(['sh', 'bash', '/bin/sh', '/bin/bash', 'ash', '/bin/ash', 'dash']);
const SEPARATORS = new Set(['&&', ';', '||']);

/**
 * The words of the program a command line ends up running: `sh -c "pip install x && exec uvicorn …"` runs
 * uvicorn last, and `exec` replaces the shell with it. Pipes and background jobs make it unknown.
 */
export function finalProgram(words: string[]): string[] | undefined {
  let current = words;
  if (SHELLS.has(current[0] ?? '') && current[1] === '-c' && current.length === 3) {
    const inner = splitShellWords(current[2]!.replace(/(&&|\|\||;)/g, ' $1 '));
    if (!inner || inner.some((w) => w === '|' || w === '&' || w.includes('$('))) return undefined;
    let last = 0;
    inner.forEach((w, i) => {
      if (SEPARATORS.has(w)) last = i + 1;
    });
    current = inner.slice(last);
  }
  if (current[0] === 'exec') current = current.slice(1);
  return current.length > 0 ? current : undefined;
}

/** A word as a POSIX shell would need it written (single quotes when it holds anything special). */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** An argv as one shell command line. */
export function shellLine(words: string[]): string {
  return words.map(shellQuote).join(' ');
}
