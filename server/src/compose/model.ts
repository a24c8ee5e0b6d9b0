// The compose model: a typed view of one compose file as Compose reads it (merge keys applied,
// interpolation with the values' origins), every element keeping its YAML node for source ranges.
// Parsed once per document version; hovers, rules and (later) other files' analyses read it.
import * as path from 'node:path';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { WorkspaceView } from '../core/workspace';
import { parseDotenv, type DotenvEntry } from './dotenv';
import { parseDuration } from './duration';
import { interpolate, type Interpolated, type Lookup } from './interpolate';
import { parseShortMount, type MountSpec } from './mounts';
import { parseRange, parseShortPort, type PortParse } from './ports';
import { ComposeProject } from './project';
import { deref, entries, entry, isMap, isScalar, isSeq, items, parseYaml, scalarText, type Document, type Node, type ParsedYaml, type Scalar } from './yamlTree';

/** A scalar value: as written, interpolated, and where it is. */
export interface Value {
  raw: string;
  interpolated: Interpolated;
  node: Node;
  doc: Document;
}

export interface PortEntry {
  node: Node;
  doc: Document;
  parse: PortParse;
  /** The text as written (short syntax) for messages. */
  raw: string;
}

export interface MountEntry {
  node: Node;
  doc: Document;
  spec?: MountSpec;
  raw: string;
}

export interface HealthcheckModel {
  node: Node;
  keyNode: Scalar;
  doc: Document;
  test?: Node;
  disable: boolean;
  /** Configured durations in ms (undefined = engine default). */
  interval?: number;
  timeout?: number;
  startPeriod?: number;
  startInterval?: number;
  retries?: number;
}

export interface DependsOnEntry {
  name: string;
  node: Node;
  condition: string;
  required: boolean;
  restart: boolean;
  /** Long syntax (with a condition written out) or the short list form. */
  long: boolean;
}

export interface ServiceModel {
  name: string;
  keyNode: Scalar;
  node: Node;
  doc: Document;
  image?: Value;
  build?: { node: Node; context?: Value; dockerfile?: Value; target?: Value; args: { name: string; value?: string }[] };
  ports: PortEntry[];
  expose: Value[];
  volumes: MountEntry[];
  tmpfs: Value[];
  healthcheck?: HealthcheckModel;
  dependsOn: DependsOnEntry[];
  networkMode?: Value;
  networks: string[];
  restart?: Value;
  containerName?: Value;
  profiles: string[];
  /** `environment` entries (map or `KEY=value` list); value undefined = taken from the shell. */
  environment: { name: string; value?: string; node: Node }[];
  envFiles: Value[];
  command?: Node;
  entrypoint?: Node;
  extends?: { service: string; file?: string; node: Node };
}

export interface TopLevelResource {
  name: string;
  keyNode: Scalar;
  node: Node | null;
  doc: Document;
  external: boolean;
  /** `name:` as written (interpolated), used as-is instead of `<project>_<key>`. */
  explicitName?: string;
}

export interface ComposeModel {
  doc: TextDocument;
  text: string;
  yaml: ParsedYaml;
  filePath?: string;
  project: { name: string; origin: 'name' | 'directory' | 'default' };
  env: Map<string, DotenvEntry>;
  lookup: Lookup;
  services: ServiceModel[];
  serviceByName: Map<string, ServiceModel>;
  volumes: Map<string, TopLevelResource>;
  networks: Map<string, TopLevelResource>;
  version?: { keyNode: Scalar; value: Value };
  /** `include:` entries: paths relative to this file's folder. */
  includes: { path: string; node: Node }[];
  /** The other files of the project (override, base, includes, extends, siblings), read on first use. */
  related: () => import('./project').ComposeProject;
}

/** compose-go NormalizeProjectName: lower case, only [a-z0-9_-], no leading `_`/`-`. */
export function normalizeProjectName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, '').replace(/^[_-]+/, '');
}

/**
 * Services read in earlier versions of an open document, by their YAML value node. A large file's unchanged
 * chunks keep their nodes from one version to the next (yamlReuse.ts), so a keystroke need not read the 499
 * services it did not touch again (reading them was a third of a keystroke's analysis of the stress file,
 * and most of its garbage).
 */
export type ServiceMemo = WeakMap<object, { keyNode: Scalar; variables: string; service: ServiceModel }>;

/**
 * `parse` is the full parse, or a YamlReuse's for an open document that changes keystroke by keystroke;
 * `memo` then carries its services from version to version.
 */
export function parseCompose(doc: TextDocument, filePath?: string, workspace?: WorkspaceView, parse: (text: string) => ParsedYaml = parseYaml, memo?: ServiceMemo): ComposeModel {
  const text = doc.getText();
  const yaml = parse(text);
  const dir = filePath ? path.dirname(filePath) : undefined;
  const envText = dir && workspace ? workspace.readText(path.join(dir, '.env')) : undefined;
  const env = envText !== undefined ? parseDotenv(envText) : new Map<string, DotenvEntry>();

  // The project name comes first: it is also the COMPOSE_PROJECT_NAME variable.
  let project: ComposeModel['project'] = { name: dir ? normalizeProjectName(path.basename(dir)) : 'project', origin: dir ? 'directory' : 'default' };
  for (const d of yaml.docs) {
    const nameNode = entry(d.contents, 'name', d)?.value;
    const raw = scalarText(nameNode, d);
    if (raw !== undefined) project = { name: interpolate(raw, (k) => env.get(k)).value, origin: 'name' };
  }
  const lookup: Lookup = (name) => env.get(name) ?? (name === 'COMPOSE_PROJECT_NAME' ? { value: project.name, origin: 'the project name' } : undefined);
  const value = (node: unknown, d: Document): Value | undefined => {
    const n = deref(node, d);
    const raw = scalarText(n, d);
    return raw === undefined || !n ? undefined : { raw, interpolated: interpolate(raw, lookup), node: n, doc: d };
  };

  let related: import('./project').ComposeProject | undefined;
  const model: ComposeModel = {
    doc,
    text,
    yaml,
    filePath,
    project,
    env,
    lookup,
    services: [],
    serviceByName: new Map(),
    volumes: new Map(),
    networks: new Map(),
    includes: [],
    related: () => (related ??= new ComposeProject(model, workspace)),
  };
  for (const d of yaml.docs) {
    const top = d.contents;
    if (!isMap(top)) continue;
    for (const inc of items(entry(top, 'include', d)?.value, d)) {
      const paths = isMap(inc) ? deref(entry(inc, 'path', d)?.value, d) : inc;
      for (const p of isSeq(paths) ? items(paths, d) : [paths]) {
        const v = value(p, d);
        if (v) model.includes.push({ path: v.interpolated.value, node: v.node });
      }
    }
    const version = entry(top, 'version', d);
    const versionValue = version && value(version.value, d);
    if (version && versionValue) model.version = { keyNode: version.keyNode, value: versionValue };
    for (const kind of ['volumes', 'networks'] as const) {
      for (const e of entries(entry(top, kind, d)?.value, d)) {
        const body = deref(e.value, d);
        const external = entry(body, 'external', d);
        const explicit = value(entry(body, 'name', d)?.value, d);
        model[kind].set(e.key, {
          name: e.key,
          keyNode: e.keyNode,
          node: body,
          doc: d,
          external: external !== undefined && (scalarText(external.value, d) === 'true' || isMap(deref(external.value, d))),
          explicitName: explicit?.interpolated.value,
        });
      }
    }
    // What a service's values interpolate from: a remembered service is valid while these are unchanged.
    const variables = `${project.name}\u0000${envText ?? ''}`;
    const stars = memo ? starOffsets(text) : [];
    for (const e of entries(entry(top, 'services', d)?.value, d)) {
      const node = deref(e.value, d);
      const service = memo ? readServiceOnce(memo, stars, e.keyNode, node, variables, () => readService(e.key, e.keyNode, node, d, value, lookup), d) : readService(e.key, e.keyNode, node, d, value, lookup);
      // A later service of the same name replaces the earlier one (a duplicate key; a second document). Only then
      // is the list copied: filtering on every service made reading 500 services quadratic (125,000 compares
      // and 500 throw-away arrays, ~4 ms of every keystroke's analysis of the stress file, plus their GC).
      if (model.serviceByName.has(service.name)) model.services = model.services.filter((s) => s.name !== service.name);
      model.services.push(service);
      model.serviceByName.set(service.name, service);
    }
  }
  return model;
}

type ValueOf = (node: unknown, d: Document) => Value | undefined;

/**
 * The service remembered for the same nodes, else read and remembered. Its model depends only on its own
 * nodes (the same objects: unchanged text) and the variables it interpolates, unless it holds an alias (`*`),
 * whose anchor may be anywhere: those are read every time. Each version gets its own copy of the service
 * object (caches keyed by it, as serviceProcess's, hold results that read the rest of the file); what it
 * holds is shared, and its nodes' offsets move with the chunk (yamlReuse.ts shifts them in place).
 */
function readServiceOnce(memo: ServiceMemo, stars: number[], keyNode: Scalar, node: Node | null, variables: string, read: () => ServiceModel, d: Document): ServiceModel {
  const hit = node ? memo.get(node) : undefined;
  if (hit && hit.keyNode === keyNode && hit.variables === variables) return { ...hit.service, doc: d };
  const service = read();
  const start = keyNode.range?.[0];
  const end = node?.range?.[2];
  if (node && start !== undefined && end !== undefined && !anyBetween(stars, start, end)) memo.set(node, { keyNode, variables, service });
  return service;
}

/** Where the text has a `*` (a possible alias), in order: one pass, then a binary search per service. */
function starOffsets(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('*'); i >= 0; i = text.indexOf('*', i + 1)) out.push(i);
  return out;
}

function anyBetween(sorted: number[], start: number, end: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < start) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo]! < end;
}

function readService(name: string, keyNode: Scalar, node: Node | null, d: Document, value: ValueOf, lookup: Lookup): ServiceModel {
  const get = (key: string) => entry(node, key, d)?.value;
  const list = (key: string) => items(get(key), d);
  const service: ServiceModel = {
    name,
    keyNode,
    node: node ?? keyNode,
    doc: d,
    ports: [],
    expose: [],
    volumes: [],
    tmpfs: [],
    dependsOn: [],
    networks: [],
    profiles: [],
    environment: [],
    envFiles: [],
  };
  service.image = value(get('image'), d);
  service.networkMode = value(get('network_mode'), d);
  service.restart = value(get('restart'), d);
  service.containerName = value(get('container_name'), d);
  service.command = deref(get('command'), d) ?? undefined;
  service.entrypoint = deref(get('entrypoint'), d) ?? undefined;
  service.profiles = list('profiles').map((n) => scalarText(n, d) ?? '').filter(Boolean);

  const build = deref(get('build'), d);
  if (build) {
    if (isScalar(build)) service.build = { node: build, context: value(build, d), args: [] };
    else if (isMap(build)) {
      const args = deref(entry(build, 'args', d)?.value, d);
      service.build = {
        node: build,
        context: value(entry(build, 'context', d)?.value, d),
        dockerfile: value(entry(build, 'dockerfile', d)?.value, d),
        target: value(entry(build, 'target', d)?.value, d),
        args: isMap(args)
          ? entries(args, d).map((a) => ({ name: a.key, value: scalarText(a.value, d) }))
          : items(args, d).map((n) => {
              const t = scalarText(n, d) ?? '';
              const eq = t.indexOf('=');
              return eq >= 0 ? { name: t.slice(0, eq), value: t.slice(eq + 1) } : { name: t };
            }),
      };
    }
  }

  for (const item of list('ports')) {
    if (isScalar(item)) {
      const raw = scalarText(item, d) ?? '';
      const text = interpolate(raw, lookup).value;
      service.ports.push({ node: item, doc: d, raw, parse: typeof item.value === 'number' || typeof item.value === 'string' ? parseShortPort(text) : { ok: false, error: 'invalid port' } });
    } else if (isMap(item)) {
      const field = (k: string) => value(entry(item, k, d)?.value, d)?.interpolated.value;
      const target = parseRange(field('target') ?? '');
      const publishedText = field('published');
      const published = publishedText !== undefined ? parseRange(publishedText) : undefined;
      service.ports.push({
        node: item,
        doc: d,
        raw: `${publishedText ?? ''}:${field('target') ?? ''}`,
        parse: target
          ? { ok: true, spec: { syntax: 'long', target, published, hostIp: field('host_ip') || undefined, protocol: field('protocol') ?? 'tcp', mode: field('mode') ?? 'ingress', name: field('name'), appProtocol: field('app_protocol') } }
          : { ok: false, error: 'long syntax port without a valid target' },
      });
    }
  }
  service.expose = list('expose').map((n) => value(n, d)).filter((v): v is Value => v !== undefined);
  service.tmpfs = (isScalar(deref(get('tmpfs'), d)) ? [deref(get('tmpfs'), d)] : list('tmpfs')).map((n) => value(n, d)).filter((v): v is Value => v !== undefined);

  for (const item of list('volumes')) {
    if (isScalar(item)) {
      const v = value(item, d);
      if (!v) continue;
      service.volumes.push({ node: item, doc: d, raw: v.raw, spec: parseShortMount(v.interpolated.value) });
    } else if (isMap(item)) {
      const field = (k: string) => value(entry(item, k, d)?.value, d)?.interpolated.value;
      const type = field('type') ?? 'volume';
      const source = field('source');
      const target = field('target') ?? '';
      const readOnly = field('read_only') === 'true';
      const nocopy = scalarText(entry(entry(item, 'volume', d)?.value, 'nocopy', d)?.value, d) === 'true';
      service.volumes.push({
        node: item,
        doc: d,
        raw: `${source ?? ''}:${target}`,
        spec: {
          syntax: 'long',
          type: type === 'volume' && !source ? 'anonymous' : (type as MountSpec['type']),
          source,
          target,
          options: nocopy ? ['nocopy'] : [],
          readOnly,
        },
      });
    }
  }

  const hcEntry = entry(node, 'healthcheck', d);
  const hc = deref(hcEntry?.value, d);
  if (hcEntry && isMap(hc)) {
    const dur = (k: string) => {
      const v = value(entry(hc, k, d)?.value, d);
      return v ? parseDuration(v.interpolated.value) : undefined;
    };
    const retries = value(entry(hc, 'retries', d)?.value, d);
    service.healthcheck = {
      node: hc,
      keyNode: hcEntry.keyNode,
      doc: d,
      test: deref(entry(hc, 'test', d)?.value, d) ?? undefined,
      disable: scalarText(entry(hc, 'disable', d)?.value, d) === 'true',
      interval: dur('interval'),
      timeout: dur('timeout'),
      startPeriod: dur('start_period'),
      startInterval: dur('start_interval'),
      retries: retries && /^\d+$/.test(retries.interpolated.value) ? Number(retries.interpolated.value) : undefined,
    };
  }

  const deps = deref(get('depends_on'), d);
  if (isSeq(deps)) {
    for (const n of items(deps, d)) {
      const dep = scalarText(n, d);
      if (dep) service.dependsOn.push({ name: dep, node: n, condition: 'service_started', required: true, restart: false, long: false });
    }
  } else if (isMap(deps)) {
    for (const e of entries(deps, d)) {
      const body = e.value;
      service.dependsOn.push({
        name: e.key,
        node: e.keyNode,
        condition: scalarText(entry(body, 'condition', d)?.value, d) ?? 'service_started',
        required: scalarText(entry(body, 'required', d)?.value, d) !== 'false',
        restart: scalarText(entry(body, 'restart', d)?.value, d) === 'true',
        long: true,
      });
    }
  }

  const environment = deref(get('environment'), d);
  if (isMap(environment)) {
    for (const e of entries(environment, d)) service.environment.push({ name: e.key, value: value(e.value, d)?.interpolated.value, node: e.keyNode });
  } else {
    for (const n of items(environment, d)) {
      const v = value(n, d);
      if (!v) continue;
      const eq = v.raw.indexOf('=');
      service.environment.push(eq >= 0 ? { name: v.raw.slice(0, eq), value: interpolate(v.raw.slice(eq + 1), lookup).value, node: n } : { name: v.raw, node: n });
    }
  }
  const envFile = deref(get('env_file'), d);
  service.envFiles = (isScalar(envFile) ? [envFile] : items(envFile, d).map((n) => (isMap(n) ? deref(entry(n, 'path', d)?.value, d) : n)))
    .map((n) => value(n, d))
    .filter((v): v is Value => v !== undefined);

  const ext = deref(get('extends'), d);
  if (isScalar(ext)) service.extends = { service: scalarText(ext, d) ?? '', node: ext };
  else if (isMap(ext)) {
    const svc = scalarText(entry(ext, 'service', d)?.value, d);
    if (svc) service.extends = { service: svc, file: value(entry(ext, 'file', d)?.value, d)?.interpolated.value, node: ext };
  }

  const networks = deref(get('networks'), d);
  service.networks = isMap(networks) ? entries(networks, d).map((e) => e.key) : items(networks, d).map((n) => scalarText(n, d) ?? '').filter(Boolean);
  return service;
}
