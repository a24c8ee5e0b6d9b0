// Re-parsing a large compose file after a keystroke: only the top-level block or the service that changed.
//
// A full `yaml` parse of a 5,000-line file takes 80–100 ms, the whole keystroke budget. Most files are a
// plain block mapping of top-level keys, with `services:` a block mapping of services, so the text splits
// into chunks at the lines that start a top-level key or a service. Each chunk parses on its own, from a flat
// copy of its own text, and its ranges are then shifted by the chunk's start offset (a padding comment of that
// length in front of the chunk, as this once did, made the first parse of an N-chunk file lex N²/2 characters
// of comment and left that comment in every chunk's first key: 46 MB for the 500-service stress file); an
// unchanged chunk is taken from the previous version's parse (its ranges shifted by the length change before
// it); the chunks' pairs are then assembled into one Document with the ranges a full parse gives.
//
// Anything this splitting could read differently from a full parse falls back to the full parse: several
// documents, directives, column-0 lines that are not `key:` lines, tabs in indentation, anything on the
// `services:` line, comments or blank lines of uneven indentation before a top-level key, warnings, duplicate
// keys across chunks. A service left broken by an edit (`  newservice` before its colon, a value half typed)
// is parsed in place, between the service before it and a stand-in for the next one (parseInPlace), and
// kept only when its errors stay inside it; an open quote or bracket that runs on into the next service,
// and broken top-level blocks, take the full parse. test/yaml-reuse.test.ts checks the assembled tree, errors
// included, against a full parse on the corpus, on random edits, and while a new service is typed.
import { Document, Pair, YAMLMap, type Node, type YAMLError } from 'yaml';
import type { ServiceMemo } from './model';
import { isMap, isPair, isScalar, isSeq, parseYaml, PARSE_OPTIONS, type ParsedYaml } from './yamlTree';

/** Below this size a full parse is a few milliseconds: chunking would only add risk. */
const MIN_CHUNKED_CHARS = 20_000;

interface Chunk {
  start: number;
  end: number;
  /** True for a service inside the `services:` block, false for a top-level block (or the `services:` line). */
  service: boolean;
}

interface ParsedChunk {
  start: number;
  pairs: Pair[];
  /** Where the chunk's document ended (the parser's own rule for trailing blank lines and comments). */
  docEnd: number;
  /** A service being edited may be broken: its errors, exactly as the full parse reports them (see parseInPlace). */
  errors: YAMLError[];
}

// `key:` then CR does not match: CRLF files take the full parse (chunked, some node ends differ by the CR).
const TOP_KEY = /^(?:[A-Za-z0-9_][^:#\n]*|"[^"\n]*"|'[^'\n]*'):(?:[ \t]|\r?\n|$)/;
/**
 * A line where a service must start that has no colon (nor a quote or comment): a service name being typed,
 * `  newservice` before its colon. It starts a chunk of its own, which parseInPlace reads.
 */
const HALF_TYPED_KEY = /^[A-Za-z0-9_][^:#"'\n]*$/;
const SERVICES_LINE = /^services:[ \t]*(?:#[^\n]*)?\r?$/;

/**
 * Where the chunks start, or undefined when the text is not the plain shape this reading is exact for.
 * Comment and blank lines belong to the chunk before them.
 */
export function splitChunks(text: string): Chunk[] | undefined {
  const chunks: Chunk[] = [];
  let inServices = false;
  let serviceIndent = -1;
  let offset = 0;
  /** Since the last content line: an indented comment, or a blank line of spaces (see below). */
  let unevenTail = false;
  /**
   * The last chunk is one half-typed key and nothing else (`  ne` while typing a new service's name). yaml
   * reads it and a service line right below as one broken key, so that service joins its chunk: parsed in
   * place together, the pair takes one chunk parse instead of the whole file (lsp-probe's burst, seed 1).
   */
  let halfTypedAlone = false;
  const open = (start: number, service: boolean) => {
    const last = chunks[chunks.length - 1];
    if (last) last.end = start;
    chunks.push({ start, end: text.length, service });
  };
  while (offset < text.length) {
    const nl = text.indexOf('\n', offset);
    const lineEnd = nl < 0 ? text.length : nl + 1;
    const stop = nl < 0 ? text.length : nl;
    // The indentation, without slicing the line: this runs for each of the file's lines on every keystroke.
    let at = offset;
    let tab = false;
    for (let c = text.charCodeAt(at); at < stop && (c === 32 || c === 9); c = text.charCodeAt(++at)) tab ||= c === 9;
    const indent = at - offset;
    const first = at < stop ? text[at] : undefined;
    const blankOrComment = first === undefined || first === '\r' || first === '#';
    // Before a top-level key (or the end), yaml gives comments and blank lines after a block different ends
    // depending on their indentation (test/yaml-reuse.test.ts found several shapes): such tails are left to
    // the full parse. Comments at column 0 and empty lines, the usual tails, are exact.
    if (blankOrComment && indent > 0) unevenTail = true;
    if (indent === 0 && !blankOrComment) {
      if (unevenTail) return undefined;
      const line = text.slice(offset, stop);
      if (!TOP_KEY.test(line) || line.startsWith('---') || line.startsWith('...')) return undefined;
      inServices = SERVICES_LINE.test(line);
      if (!inServices && line.startsWith('services:')) return undefined;
      serviceIndent = -1;
      halfTypedAlone = false;
      open(offset, false);
    } else if (!blankOrComment) {
      unevenTail = false;
      if (tab) return undefined;
      if (inServices) {
        if (serviceIndent < 0) serviceIndent = indent;
        if (indent < serviceIndent) return undefined;
        if (indent === serviceIndent) {
          const key = text.slice(at, stop);
          const complete = TOP_KEY.test(key);
          if (!complete && !HALF_TYPED_KEY.test(key.trimEnd())) return undefined;
          if (!halfTypedAlone) open(offset, true);
          halfTypedAlone = !complete && !halfTypedAlone;
        } else halfTypedAlone = false;
      } else halfTypedAlone = false;
    }
    offset = lineEnd;
  }
  if (unevenTail) return undefined;
  // Leading comments and blank lines go with the first chunk.
  if (chunks[0]) chunks[0].start = 0;
  return chunks.length > 0 ? chunks : undefined;
}

/**
 * In a full parse, a node that runs to the next service's line also covers that line's indentation (only
 * when the chunk ends in a comment or blank line: a content line ends its node before the line break).
 */
function reachOf(text: string, chunks: Chunk[], i: number): number {
  const chunk = chunks[i]!;
  const following = chunks[i + 1];
  return chunk.service && following?.service && endsInCommentOrBlank(text.slice(chunk.start, chunk.end)) ? indentAt(text, following.start) : 0;
}

/** What identifies a chunk's parse: its kind, its reach and its text (not its offset: that shifts). */
function chunkKeys(text: string, chunks: Chunk[], reaches: number[]): string[] {
  return chunks.map((c, i) => `${c.service ? 's' : 't'}${reaches[i]}:${text.slice(c.start, c.end)}`);
}

/**
 * The chunks of a full parse, from its own nodes: the top-level pairs and the services' pairs, each by the
 * chunk its key starts in (test/yaml-reuse.test.ts shows a chunk parses to the same nodes). The bare
 * `services:` line is left out (its pair holds the whole map); undefined when the parse does not match the
 * chunks one to one, or has errors.
 */
function harvestChunks(chunks: Chunk[], keys: string[], parsed: ParsedYaml): Map<string, ParsedChunk> | undefined {
  const doc = parsed.docs.length === 1 ? parsed.docs[0]! : undefined;
  if (!doc || doc.errors.length > 0 || doc.warnings.length > 0 || !isMap(doc.contents)) return undefined;
  const out = new Map<string, ParsedChunk>();
  const top = doc.contents.items as Pair[];
  let t = 0;
  let services: Pair[] = [];
  let s = 0;
  const within = (pair: Pair | undefined, c: Chunk) => {
    const at = keyStart(pair);
    return at !== undefined && at >= c.start && at < c.end;
  };
  for (const [i, chunk] of chunks.entries()) {
    const docEnd = i === chunks.length - 1 ? doc.range[2] : chunk.end;
    if (!chunk.service) {
      const pair = top[t++];
      if (!within(pair, chunk)) return undefined;
      if (isScalar(pair!.key) && pair!.key.value === 'services' && isMap(pair!.value)) {
        services = pair!.value.items as Pair[];
        s = 0;
        continue;
      }
      if (out.has(keys[i]!)) return undefined;
      out.set(keys[i]!, { start: chunk.start, pairs: [pair!], docEnd, errors: [] });
      continue;
    }
    const pairs: Pair[] = [];
    while (s < services.length && within(services[s], chunk)) pairs.push(services[s++]!);
    if (pairs.length === 0 || out.has(keys[i]!)) return undefined;
    out.set(keys[i]!, { start: chunk.start, pairs, docEnd, errors: [] });
  }
  return t === top.length ? out : undefined;
}

/**
 * A copy of a chunk's text that does not keep the whole document's text alive: `text.slice()` is a view of
 * the full text, and the parsed scalars keep slices of their input, so a chunk kept for reuse would keep the
 * version of the file it was parsed from (185 KB a keystroke for the stress file). Concatenation then slice
 * flattens into a string of the chunk's own length.
 */
function flatCopy(source: string): string {
  return (' ' + source).slice(1);
}

/** Every node of the pairs' trees, keys and values (an explicit stack: nesting depth is unbounded). */
function forEachNode(pairs: Pair[], visit: (node: Node) => void): void {
  const stack: unknown[] = [...pairs];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isPair(n)) {
      stack.push(n.key, n.value);
      continue;
    }
    if (!n || typeof n !== 'object') continue;
    visit(n as Node);
    if (isMap(n) || isSeq(n)) stack.push(...(n.items as unknown[]));
  }
}

/**
 * Adds `delta` to every source range of the pairs' trees, in place: the chunks after an edit move on every
 * keystroke, and a new array per node was about half a megabyte of garbage per keystroke of the stress file.
 * Each node owns its range array (the composer makes one per node); a shared one would be moved twice.
 */
function shift(pairs: Pair[], delta: number): void {
  forEachNode(pairs, (n) => {
    const r = n.range;
    if (r) {
      r[0] += delta;
      r[1] += delta;
      r[2] += delta;
    }
  });
}

function endsInCommentOrBlank(source: string): boolean {
  const body = source.endsWith('\n') ? source.slice(0, -1) : source;
  const lastLine = body.slice(body.lastIndexOf('\n') + 1).trim();
  return lastLine === '' || lastLine.startsWith('#');
}

/** A comment among the chunk's last lines, after its last content line. */
function tailHasComment(source: string): boolean {
  const lines = source.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (line.startsWith('#')) return true;
    if (line !== '') return false;
  }
  return false;
}

function indentAt(text: string, lineStart: number): number {
  let i = lineStart;
  while (text[i] === ' ') i++;
  return i - lineStart;
}

/** Moves the ends of the nodes that end at `end` by `reach` characters (see `reach` above). */
function extendEnds(pairs: Pair[], end: number, reach: number): void {
  forEachNode(pairs, (n) => {
    const r = n.range;
    if (r && r[2] === end) n.range = [r[0], r[1], r[2] + reach];
  });
}

/** The end offset a full parse gives a block mapping: where its last entry's value (or key) ends. */
function pairEnd(pair: Pair): number | undefined {
  const value = pair.value as Node | null;
  if (value && value.range) return value.range[2];
  const key = pair.key as Node | null;
  return key?.range?.[2];
}

export class YamlReuse {
  private previous = new Map<string, ParsedChunk>();
  /** The services read from these chunks' nodes (compose/model.ts). */
  readonly services: ServiceMemo = new WeakMap();
  /** How the last parse went (tests and the benchmark read it). */
  lastWasChunked = false;

  /**
   * `harvest`: after a full parse, keep its nodes as the chunks of that version, so that the next version
   * re-parses only what changed (off in a test that checks chunk parsing on its own).
   */
  constructor(
    private readonly minChars = MIN_CHUNKED_CHARS,
    private readonly harvest = true,
  ) {}

  parse(text: string): ParsedYaml {
    const chunks = text.length >= this.minChars ? splitChunks(text) : undefined;
    const reaches = chunks?.map((_, i) => reachOf(text, chunks, i));
    const keys = chunks && reaches && chunkKeys(text, chunks, reaches);
    // Chunk by chunk only when most chunks are known: a first parse, or an edit across half the file, is
    // cheaper as one full parse (no shifting, no assembly), whose nodes then become the chunks.
    const known = keys ? keys.filter((k) => this.previous.has(k)).length : 0;
    const assembled = chunks && keys && reaches && (!this.harvest || known * 2 >= chunks.length) ? this.assemble(text, chunks, keys, reaches) : undefined;
    this.lastWasChunked = assembled !== undefined;
    if (assembled) return assembled;
    const parsed = parseYaml(text);
    const harvested = this.harvest && chunks && keys ? harvestChunks(chunks, keys, parsed) : undefined;
    // Otherwise the chunks of the last chunked version stay: while someone types a new key the text is
    // briefly unsplittable or broken (`  newservice` before its colon), and the next version reuses them.
    if (harvested) this.previous = harvested;
    else if (text.length < this.minChars) this.previous = new Map();
    return parsed;
  }

  private assemble(text: string, chunks: Chunk[], keys: string[], reaches: number[]): ParsedYaml | undefined {
    const next = new Map<string, ParsedChunk>();
    const top: Pair[] = [];
    /** The service pairs under each top-level `services:` pair (whose own value is null). */
    const servicesOf = new Map<Pair, Pair[]>();
    let services: Pair[] | undefined;
    let lastKey = '';
    const errors: YAMLError[] = [];
    for (const [i, chunk] of chunks.entries()) {
      const source = text.slice(chunk.start, chunk.end);
      const key = keys[i]!;
      const reach = reaches[i]!;
      let parsed = this.previous.get(key);
      // The same text twice (two identical services) is parsed twice; the duplicate key then falls back.
      if (next.has(key)) parsed = undefined;
      if (parsed) moveChunk(parsed, chunk.start);
      if (!parsed) {
        const docs = parseYaml(flatCopy(source)).docs;
        const doc = docs.length === 1 ? docs[0]! : undefined;
        if (doc && doc.errors.length === 0 && doc.warnings.length === 0 && isMap(doc.contents)) {
          // Parsed from offset 0: move every range to where the chunk starts in the file.
          parsed = { start: 0, pairs: doc.contents.items as Pair[], docEnd: doc.range[2], errors: [] };
          moveChunk(parsed, chunk.start);
          if (reach > 0) {
            // An empty value before the comments (`volumes:` with its list commented out) ends elsewhere in a
            // full parse: left to it. Before blank lines alone (`  newservice:` just typed, the next line
            // indented) it ends after its colon in both.
            const last = parsed.pairs[parsed.pairs.length - 1]?.value;
            if ((last === null || (isScalar(last) && last.source === '')) && tailHasComment(source)) return undefined;
            extendEnds(parsed.pairs, chunk.end, reach);
          }
        } else if (chunk.service) {
          parsed = parseInPlace(text, chunks, i);
        }
        if (!parsed) return undefined;
      }
      errors.push(...parsed.errors);
      next.set(key, parsed);
      lastKey = key;
      if (chunk.service) {
        if (!services) return undefined;
        services.push(...parsed.pairs);
        continue;
      }
      if (parsed.pairs.length !== 1) return undefined;
      const pair = parsed.pairs[0]!;
      top.push(pair);
      // `services:` alone on its line parses to an empty (null) scalar value: the services follow as chunks.
      const empty = pair.value === null || (isScalar(pair.value) && pair.value.value === null && pair.value.source === '');
      services = isScalar(pair.key) && pair.key.value === 'services' && empty ? [] : undefined;
      if (services) servicesOf.set(pair, services);
    }
    this.previous = next;
    return this.document(top, servicesOf, next.get(lastKey)!.docEnd, errors);
  }

  private document(top: Pair[], servicesOf: Map<Pair, Pair[]>, docEnd: number, errors: YAMLError[]): ParsedYaml | undefined {
    const pairs: Pair[] = [];
    for (const pair of top) {
      const items = servicesOf.get(pair);
      if (!items || items.length === 0) {
        pairs.push(pair);
        continue;
      }
      // A fresh Pair and map each time: the reused `services` pair stays as its chunk parsed it.
      const map = blockMap(items);
      if (!map) return undefined;
      pairs.push(new Pair(pair.key, map));
    }
    if (duplicateKeys(pairs) || pairs.some((p) => isMap(p.value) && duplicateKeys(p.value.items as Pair[]))) return undefined;
    const contents = blockMap(pairs);
    if (!contents) return undefined;
    const doc = new Document(null, PARSE_OPTIONS) as Document.Parsed;
    doc.contents = contents as Document.Parsed['contents'];
    // As the parser does: from the first content (leading comments are outside) to the last chunk's end.
    doc.range = [contents.range![0], contents.range![1], docEnd];
    doc.errors = errors;
    return { docs: [doc] };
  }
}

/** A block mapping of these pairs, with the range a full parse gives it: its first key to its last entry's end. */
function blockMap(pairs: Pair[]): YAMLMap | undefined {
  const first = keyStart(pairs[0]);
  const end = pairs.length > 0 ? pairEnd(pairs[pairs.length - 1]!) : undefined;
  if (first === undefined || end === undefined) return undefined;
  const map = new YAMLMap<unknown, unknown>();
  map.items = pairs;
  map.range = [first, end, end];
  return map;
}

function keyStart(pair: Pair | undefined): number | undefined {
  return (pair?.key as Node | undefined)?.range?.[0];
}

/** Stands in for the service after a broken one (see parseInPlace); no file has a key by this name. */
const STAND_IN = 'docklens-stand-in-for-the-next-service';
/** Anchors, aliases, merge keys and tags: a broken chunk with any of these is left to the full parse. */
const CONTEXT_DEPENDENT = /[&*!]|<</;

/**
 * A service chunk that does not parse cleanly alone: a service being edited, broken for a keystroke or two
 * (`  newservice` before its colon, a value half typed). yaml's error recovery depends on what came before
 * (a service after a nested map recovers differently from the first entry of a map), so the chunk is parsed
 * as it stands in the file: behind the chunk before it (the service before, or the `services:` line), and
 * before a stand-in for the next service. It is taken only when every error lies inside the chunk and the
 * stand-in parses as the service it stands for: the recovery then began and ended inside the chunk, and the
 * rest of the file parses as it did. Its errors are then the full parse's; test/yaml-reuse.test.ts checks
 * them, and the tree, against full parses of broken versions. Not for the last service: the `services:` map's
 * own range is assembled from its last entry's, which a broken entry (a key without its value) ends differently.
 */
function parseInPlace(text: string, chunks: Chunk[], i: number): ParsedChunk | undefined {
  const chunk = chunks[i]!;
  const before = chunks[i - 1];
  if (!before || !chunks[i + 1]?.service) return undefined;
  const source = text.slice(chunk.start, chunk.end);
  const beforeText = text.slice(before.start, before.end);
  const prefix = before.service ? `services:\n${beforeText}` : beforeText;
  if (!prefix.startsWith('services:') || !source.endsWith('\n') || CONTEXT_DEPENDENT.test(source) || CONTEXT_DEPENDENT.test(beforeText)) return undefined;
  const indent = source.length - source.trimStart().length;
  const chunkEnd = prefix.length + source.length;
  const docs = parseYaml(flatCopy(`${prefix}${source}${' '.repeat(indent)}${STAND_IN}:\n`)).docs;
  const doc = docs.length === 1 ? docs[0]! : undefined;
  if (!doc || doc.warnings.length > 0 || !isMap(doc.contents) || doc.contents.items.length !== 1) return undefined;
  if (doc.errors.some((e) => e.pos[0] < prefix.length || e.pos[1] > chunkEnd || e.code === 'DUPLICATE_KEY')) return undefined;
  const services = doc.contents.items[0] as Pair;
  if (!isScalar(services.key) || services.key.value !== 'services' || !isMap(services.value)) return undefined;
  // The services: those of the chunk before, the chunk's own (their keys start inside it), then the stand-in.
  const all = services.value.items as Pair[];
  const own = all.findIndex((p) => (keyStart(p) ?? -1) >= prefix.length);
  const standIn = all[all.length - 1];
  if (own < 0 || own === all.length - 1 || !isScalar(standIn?.key) || standIn.key.value !== STAND_IN || keyStart(standIn) !== chunkEnd + indent) return undefined;
  const pairs = all.slice(own, -1);
  if (pairs.some((p) => (keyStart(p) ?? Infinity) >= chunkEnd)) return undefined;
  const parsed: ParsedChunk = { start: prefix.length, pairs, docEnd: chunkEnd, errors: doc.errors };
  moveChunk(parsed, chunk.start);
  return parsed;
}

/** Moves a parsed chunk (its nodes' ranges, its errors, its end) to start at `start`. */
function moveChunk(parsed: ParsedChunk, start: number): void {
  const delta = start - parsed.start;
  if (delta === 0) return;
  shift(parsed.pairs, delta);
  for (const e of parsed.errors) e.pos = [e.pos[0] + delta, e.pos[1] + delta];
  parsed.docEnd += delta;
  parsed.start = start;
}

function duplicateKeys(pairs: Pair[]): boolean {
  const seen = new Set<unknown>();
  for (const p of pairs) {
    if (!isScalar(p.key)) return true; // complex keys: let the full parse judge them
    const k = p.key.value;
    if (seen.has(k)) return true;
    seen.add(k);
  }
  return false;
}
