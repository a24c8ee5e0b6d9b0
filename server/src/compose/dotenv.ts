// `.env` files as Compose reads them for interpolation: `KEY=value`, `export KEY=value`, quotes, comments,
// and `${VAR}` in values referring to earlier keys.
import { interpolate, type VariableSource } from './interpolate';

export interface DotenvEntry extends VariableSource {
  name: string;
  /** 0-based line of the definition. */
  line: number;
}

export function parseDotenv(text: string, fileLabel = '.env'): Map<string, DotenvEntry> {
  const out = new Map<string, DotenvEntry>();
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s?(.*)$/.exec(lines[n]!);
    if (!m) continue;
    const name = m[1]!;
    let raw = m[2]!.trim();
    let value: string;
    if (raw.startsWith("'")) {
      const close = raw.indexOf("'", 1);
      value = close > 0 ? raw.slice(1, close) : raw.slice(1);
    } else if (raw.startsWith('"')) {
      // A double-quoted value may span lines; escapes and interpolation apply.
      let body = raw.slice(1);
      while (!/(^|[^\\])"/.test(body) && n + 1 < lines.length) body += '\n' + lines[++n];
      const close = body.search(/(^|[^\\])"/);
      body = close >= 0 ? body.slice(0, close + (body[close] === '"' ? 0 : 1)) : body;
      value = interpolate(body.replace(/\\n/g, '\n').replace(/\\"/g, '"').replace(/\\\\/g, '\\'), (k) => out.get(k)).value;
    } else {
      raw = raw.replace(/\s+#.*$/, '');
      value = interpolate(raw, (k) => out.get(k)).value;
    }
    out.set(name, { name, value, origin: `${fileLabel} line ${n + 1}`, line: n });
  }
  return out;
}
