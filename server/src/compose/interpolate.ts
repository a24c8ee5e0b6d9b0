// Compose variable interpolation (domain-facts §6.3; compose-go template/template.go):
// `$VAR`, `${VAR}`, `${VAR:-d}`, `${VAR-d}`, `${VAR:?e}`, `${VAR?e}`, `${VAR:+a}`, `${VAR+a}`, `$$`,
// nested defaults. Every reference keeps where its value came from, for hovers and diagnostics.

export interface VariableSource {
  value: string;
  /** Where it was set, e.g. `.env line 3`. */
  origin: string;
}

export type Lookup = (name: string) => VariableSource | undefined;

export type Resolution =
  | 'set' // the variable's value
  | 'default' // unset (or empty, for `:-`): the default text
  | 'alternative' // set (and non-empty, for `:+`): the alternative text
  | 'empty' // `:+`/`+` on an unset variable: empty
  | 'unset' // no value and no default: Compose substitutes an empty string and warns
  | 'required'; // `:?`/`?` on an unset variable: Compose stops with an error

export interface VariableRef {
  name: string;
  /** Offsets in the interpolated text of the whole `${…}` (or `$NAME`). */
  start: number;
  end: number;
  operator: '' | ':-' | '-' | ':?' | '?' | ':+' | '+';
  /** The text after the operator, as written. */
  argument: string;
  resolution: Resolution;
  value: string;
  source?: VariableSource;
}

export interface Interpolated {
  value: string;
  refs: VariableRef[];
  error?: string;
}

const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;

export function hasInterpolation(text: string): boolean {
  return text.includes('$');
}

export function interpolate(text: string, lookup: Lookup, depth = 0): Interpolated {
  // Most values have no `$`: the text itself, without building it again a character at a time (on every
  // keystroke, for every value of every service: a megabyte of garbage per analysis of the stress file).
  if (!text.includes('$')) return { value: text, refs: [] };
  let value = '';
  const refs: VariableRef[] = [];
  let error: string | undefined;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c !== '$') {
      const dollar = text.indexOf('$', i);
      const end = dollar < 0 ? text.length : dollar;
      value += text.slice(i, end);
      i = end;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      value += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const close = matchingBrace(text, i + 1);
      if (close < 0) {
        error ??= `Invalid template: "${text.slice(i)}"`;
        value += text.slice(i);
        break;
      }
      const inner = text.slice(i + 2, close);
      const name = NAME.exec(inner)?.[0];
      if (!name) {
        error ??= `Invalid template: "\${${inner}}"`;
        value += text.slice(i, close + 1);
        i = close + 1;
        continue;
      }
      const rest = inner.slice(name.length);
      const op = (['::', ':-', ':?', ':+', '-', '?', '+'].find((o) => rest.startsWith(o)) ?? '') as VariableRef['operator'] | '::';
      if (rest !== '' && (op === '' || op === '::')) {
        // `${VAR/x/y}` and friends are not supported by Compose.
        error ??= `Invalid template: "\${${inner}}"`;
        value += text.slice(i, close + 1);
        i = close + 1;
        continue;
      }
      const argument = rest.slice(op.length);
      const ref = resolve(name, op as VariableRef['operator'], argument, lookup, depth, i, close + 1);
      if (ref.error) error ??= ref.error;
      refs.push(ref.ref, ...ref.nested);
      value += ref.ref.value;
      i = close + 1;
      continue;
    }
    const name = NAME.exec(text.slice(i + 1))?.[0];
    if (!name) {
      // A `$` that starts neither `$$`, `${…}` nor a name is an error for Compose ("$5", "$}").
      error ??= `Invalid template: "${text}"`;
      value += '$';
      i++;
      continue;
    }
    const ref = resolve(name, '', '', lookup, depth, i, i + 1 + name.length);
    refs.push(ref.ref);
    value += ref.ref.value;
    i += 1 + name.length;
  }
  return { value, refs, error };
}

function resolve(
  name: string,
  operator: VariableRef['operator'],
  argument: string,
  lookup: Lookup,
  depth: number,
  start: number,
  end: number,
): { ref: VariableRef; nested: VariableRef[]; error?: string } {
  const source = lookup(name);
  const isSet = source !== undefined;
  const nonEmpty = isSet && source.value !== '';
  const arg = () => (depth < 8 ? interpolate(argument, lookup, depth + 1) : { value: argument, refs: [] as VariableRef[] });
  const make = (resolution: Resolution, value: string): VariableRef => ({ name, start, end, operator, argument, resolution, value, source });
  switch (operator) {
    case '':
      return { ref: make(isSet ? 'set' : 'unset', source?.value ?? '') , nested: [] };
    case ':-':
    case '-': {
      const useDefault = operator === ':-' ? !nonEmpty : !isSet;
      if (!useDefault) return { ref: make('set', source!.value), nested: [] };
      const d = arg();
      return { ref: make('default', d.value), nested: d.refs };
    }
    case ':+':
    case '+': {
      const useAlt = operator === ':+' ? nonEmpty : isSet;
      if (!useAlt) return { ref: make('empty', ''), nested: [] };
      const a = arg();
      return { ref: make('alternative', a.value), nested: a.refs };
    }
    case ':?':
    case '?': {
      const missing = operator === ':?' ? !nonEmpty : !isSet;
      if (!missing) return { ref: make('set', source!.value), nested: [] };
      const message = arg().value;
      return { ref: make('required', ''), nested: [], error: `required variable ${name} is missing a value${message ? `: ${message}` : ''}` };
    }
  }
}

/** Index of the `}` closing the `{` at `open`, counting nested `${…}`. */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/**
 * Where `$NAME` or `${NAME…}` stands in a scalar's source text: its start, the length of `$NAME`/`${NAME`,
 * and the length up to the first `}` after the name for the braced form. `$$` is an escape, not a reference.
 * A plain search: a RegExp built from the name failed on a 600,000-character name ("too large").
 */
export function findReference(source: string, name: string): { index: number; prefix: number; length: number } | undefined {
  for (let at = source.indexOf('$'); at >= 0; at = source.indexOf('$', at + 1)) {
    if (source[at + 1] === '$') {
      at++;
      continue;
    }
    const braced = source[at + 1] === '{';
    const nameAt = at + (braced ? 2 : 1);
    if (!source.startsWith(name, nameAt) || /[A-Za-z0-9_]/.test(source[nameAt + name.length] ?? '')) continue;
    const prefix = nameAt + name.length - at;
    if (!braced) return { index: at, prefix, length: prefix };
    const close = source.indexOf('}', nameAt + name.length);
    if (close >= 0) return { index: at, prefix, length: close + 1 - at };
  }
  return undefined;
}
