// Recognises a Compose file by its content, for YAML files VS Code does not recognise by name (`local.yml`,
// `stack/prod.yaml`). Pure and line-based (no YAML parser in the client: it runs for every YAML file opened,
// so it must be cheap); unit-tested on real files in test/fixtures/looks-like-compose/.
//
// A Compose file here is: every top-level key is one Compose knows (or `x-…`), one of them is `services:`,
// and it is a block mapping of one or more services, each a mapping whose keys are mostly service keys.
// That rejects Kubernetes manifests (`apiVersion`, `kind`), CI files (GitLab's `services:` list, Woodpecker's
// `steps`, GitHub Actions' nested `services`), Ansible (a top-level list), OpenAPI and Helm values.
import { SERVICE_KEYS, TOP_LEVEL_KEYS } from '../../server/src/compose/schemaKeys';

/**
 * What VS Code's own `dockercompose` language recognises by name (microsoft/vscode extensions/yaml:
 * `compose.yaml`, `compose.*.yaml`, `*docker*compose*.yaml`): files it already opens as Compose need no offer.
 * Narrower than the server's kindFromFileName, which also reads `compose-dev.yaml` on the command line.
 */
export function isComposeFileName(baseName: string): boolean {
  return /^compose(\..+)?\.ya?ml$/i.test(baseName) || /^.*docker.*compose.*\.ya?ml$/i.test(baseName);
}

/** Larger YAML files are data, not hand-written Compose files: not worth scanning on open. */
const MAX_CHARS = 256 * 1024;
const TOP_LEVEL = new Set(TOP_LEVEL_KEYS);
const SERVICE = new Set([...SERVICE_KEYS, '<<']);
/** `key:` or `key: value` (plain or quoted key); not a list item (`- …`), a flow collection or an alias. */
const KEY_LINE = /^(?:"([^"]*)"|'([^']*)'|([^\s#'"{}[\],&*!|>%@`-][^:#]*?))\s*:(?:\s+(.*))?$/;
/** A sequence item at its parent key's indentation (`ports:` then `- "80:80"` at the same indent). */
const isListItem = (line: Line) => line.text === '-' || line.text.startsWith('- ');
/** The closing bracket of a flow collection written over several lines (`command: [` … `]`). */
const isFlowEnd = (line: Line) => /^[\]}]/.test(line.text);

interface Line {
  indent: number;
  text: string;
}

export function looksLikeCompose(text: string): boolean {
  if (text.length > MAX_CHARS) return false;
  const lines = meaningfulLines(text);
  let sawServices = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.indent > 0) continue; // inside a top-level value
    if (i > 0 && (isListItem(line) || isFlowEnd(line))) continue; // `include:` then `- a.yaml` at column 0
    const key = keyOf(line.text);
    if (!key) return false; // a top-level list or scalar: Ansible, a plain list
    if (!TOP_LEVEL.has(key.name) && !key.name.startsWith('x-')) return false;
    if (key.name !== 'services') continue;
    if (key.value !== '' && !isNodeProperty(key.value)) return false; // flow style or a scalar: not what people write
    const block: Line[] = [];
    for (let j = i + 1; j < lines.length && lines[j]!.indent > 0; j++) block.push(lines[j]!);
    if (!servicesMapping(block)) return false;
    sawServices = true;
  }
  return sawServices;
}

/** The lines that carry content, without comments, blank lines, directives and block scalar bodies. */
function meaningfulLines(text: string): Line[] {
  const out: Line[] = [];
  let blockScalarIndent: number | undefined;
  let started = false;
  for (const raw of text.split(/\r?\n/)) {
    const content = raw.trimEnd();
    const trimmed = content.trimStart();
    const indent = content.length - trimmed.length;
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (blockScalarIndent !== undefined) {
      if (indent > blockScalarIndent) continue;
      blockScalarIndent = undefined;
    }
    if (indent === 0 && (trimmed.startsWith('%') || trimmed === '---' || trimmed.startsWith('--- '))) {
      if (started) break; // a second document: the first decides
      continue;
    }
    if (trimmed === '...') break;
    started = true;
    const withoutComment = trimmed.replace(/\s+#.*$/, '');
    if (/[|>][+-]?\d*$/.test(withoutComment) && /:\s+[|>]|^-\s+[|>]/.test(withoutComment)) blockScalarIndent = indent;
    out.push({ indent, text: withoutComment });
  }
  return out;
}

function keyOf(text: string): { name: string; value: string } | undefined {
  const m = KEY_LINE.exec(text);
  if (!m) return undefined;
  return { name: (m[1] ?? m[2] ?? m[3] ?? '').trim(), value: (m[4] ?? '').trim() };
}

/** An anchor or tag before a block mapping (`services: &base`), which keeps it a mapping. */
function isNodeProperty(value: string): boolean {
  return /^([&!][^\s]+\s*)+$/.test(value);
}

/** `services:`'s body: one or more `name:` entries, each a block mapping of mostly service keys. */
function servicesMapping(block: Line[]): boolean {
  if (block.length === 0) return false;
  const entryIndent = block[0]!.indent;
  let entries = 0;
  for (let i = 0; i < block.length; ) {
    const line = block[i]!;
    if (line.indent !== entryIndent) return false; // less indented than the first entry: malformed
    const entry = keyOf(line.text);
    if (!entry) return false; // `- postgres:15`: GitLab CI's list of service images
    const body: Line[] = [];
    for (i++; i < block.length && block[i]!.indent > entryIndent; i++) body.push(block[i]!);
    if (entry.name.startsWith('x-') && entry.value === '') continue;
    if (entry.value !== '' && !isNodeProperty(entry.value)) {
      if (/^\*\S+$/.test(entry.value)) {
        entries++; // `web: *base`: an alias of another service definition
        continue;
      }
      return false; // `name: value`: a scalar or flow value, not a service definition
    }
    if (!serviceKeys(body)) return false;
    entries++;
  }
  return entries > 0;
}

function serviceKeys(body: Line[]): boolean {
  if (body.length === 0) return false;
  const keyIndent = body[0]!.indent;
  let known = 0;
  let unknown = 0;
  for (const [n, line] of body.entries()) {
    if (line.indent !== keyIndent) continue; // the value of a key
    if (n > 0 && (isListItem(line) || isFlowEnd(line))) continue; // `ports:` then `- "80:80"` at the same indent
    const key = keyOf(line.text);
    if (!key) return false; // a list where a service's mapping belongs
    if (SERVICE.has(key.name)) known++;
    else if (!key.name.startsWith('x-')) unknown++;
  }
  // A typo (`depend_on`) must not hide a Compose file; a mapping of other things must not pass.
  return known > 0 && unknown <= known / 2;
}
