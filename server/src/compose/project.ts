// The files of one Compose project as Compose combines them (domain-facts §6.4, §6.5): the override file
// merged onto the base, `include`d files, `extends` sources, and sibling files meant for `-f`
// (`compose.agent.yaml` beside `compose.yaml`). A file that uses a service, volume or network defined in
// another file of the project is understood through it. Each value keeps the file it came from.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { snapshot } from '../core/text';
import { kindFromFileName } from '../core/documentKind';
import type { DirEntry, WorkspaceView } from '../core/workspace';
import type { ComposeModel, HealthcheckModel, ServiceModel, TopLevelResource } from './model';
import { parseCompose } from './model';

export type FileRole = 'this' | 'base' | 'override' | 'include' | 'extends' | 'sibling';

export interface ProjectFile {
  path?: string;
  role: FileRole;
  model: ComposeModel;
}

/** One service as Compose sees it after merging its definitions, with the file of each part. */
export interface EffectiveService {
  name: string;
  /** Definitions in merge order (an extended service first, then base, then override). */
  layers: { service: ServiceModel; file: ProjectFile }[];
  healthcheck?: { value: HealthcheckModel; file: ProjectFile };
  image?: string;
}

const OVERRIDES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'];
const BASES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];
const MAX_RELATED_FILES = 20;

/**
 * Parsed models of other files, by path, text and `.env` text (interpolation reads it): re-used while both
 * are unchanged. Reading `.env` here on a hit too keeps it among the reads of the caller's workspace view.
 */
const cache = new Map<string, { text: string; envText: string | undefined; model: ComposeModel }>();

export function loadComposeFile(filePath: string, workspace: WorkspaceView): ComposeModel | undefined {
  const text = workspace.readText(filePath);
  if (text === undefined) return undefined;
  const envText = workspace.readText(path.join(path.dirname(filePath), '.env'));
  const hit = cache.get(filePath);
  if (hit && hit.text === text && hit.envText === envText) return hit.model;
  const model = parseCompose(snapshot(pathToFileURL(filePath).href, 'dockercompose', 0, text), filePath, workspace);
  cache.set(filePath, { text, envText, model });
  if (cache.size > 100) cache.delete(cache.keys().next().value!);
  return model;
}

interface ListingNames {
  files: string[];
  /** Compose file names, sorted: the order sibling files join the project in. */
  compose: string[];
}

const NO_NAMES: ListingNames = { files: [], compose: [] };

/**
 * File names per folder listing. The workspace view hands out the same listing until the folder changes,
 * so a folder of a hundred compose files is sorted and matched once, not on every analysis (each
 * keystroke's) that looks at sibling files.
 */
const namesByListing = new WeakMap<readonly DirEntry[], ListingNames>();

export class ComposeProject {
  private filesCache?: ProjectFile[];

  constructor(
    private readonly self: ComposeModel,
    private readonly workspace: WorkspaceView | undefined,
  ) {}

  private coreCache?: ProjectFile[];

  /**
   * This file and the files Compose certainly combines with it: its base or override file, `include`d
   * files and `extends` sources. Sibling files (for `-f`) are read only when a lookup needs them.
   */
  coreFiles(): ProjectFile[] {
    if (this.coreCache) return this.coreCache;
    const files: ProjectFile[] = [{ path: this.self.filePath, role: 'this', model: this.self }];
    const filePath = this.self.filePath;
    const workspace = this.workspace;
    if (filePath && workspace) {
      const dir = path.dirname(filePath);
      const name = path.basename(filePath);
      const names = this.namesIn(dir).files;
      if (OVERRIDES.includes(name)) {
        const base = BASES.find((b) => names.includes(b));
        if (base) this.add(files, path.join(dir, base), 'base');
      } else if (BASES.includes(name)) {
        const override = OVERRIDES.find((o) => names.includes(o));
        if (override) this.add(files, path.join(dir, override), 'override');
      }
      for (const inc of this.self.includes) this.add(files, path.resolve(dir, inc.path), 'include');
      for (const s of this.self.services) if (s.extends?.file) this.add(files, path.resolve(dir, s.extends.file), 'extends');
    }
    this.coreCache = files;
    return files;
  }

  /** Every file of the project: the core files, then sibling compose files. */
  files(): ProjectFile[] {
    if (this.filesCache) return this.filesCache;
    const files = [...this.coreFiles()];
    const filePath = this.self.filePath;
    if (filePath && this.workspace) {
      const dir = path.dirname(filePath);
      const name = path.basename(filePath);
      const { files: names, compose } = this.namesIn(dir);
      for (const n of compose) {
        if (files.length >= MAX_RELATED_FILES) break;
        this.add(files, path.join(dir, n), 'sibling');
      }
      // `-f compose.yaml -f overrides/compose.x.yaml`: a fragment in a sub-folder completes the base above it.
      if (!BASES.includes(name) && !OVERRIDES.includes(name) && !names.some((n) => BASES.includes(n))) {
        const parent = path.dirname(dir);
        const base = BASES.find((b) => this.namesIn(parent).files.includes(b));
        if (base) this.add(files, path.join(parent, base), 'sibling');
      }
    }
    this.filesCache = files;
    return files;
  }

  /** The folder's file names (all, and the compose ones sorted), worked out once per listing. */
  private namesIn(dir: string): ListingNames {
    const entries = this.workspace?.readDir(dir);
    if (!entries) return NO_NAMES;
    let names = namesByListing.get(entries);
    if (!names) {
      const files = entries.filter((e) => !e.isDirectory).map((e) => e.name);
      names = { files, compose: files.filter((n) => kindFromFileName(n) === 'compose').sort() };
      namesByListing.set(entries, names);
    }
    return names;
  }

  private add(files: ProjectFile[], p: string, role: FileRole): void {
    if (!this.workspace || files.length >= MAX_RELATED_FILES || files.some((f) => f.path === p)) return;
    const model = loadComposeFile(p, this.workspace);
    if (model) files.push({ path: p, role, model });
  }

  /** Whether any file of the project defines the service (siblings read only when needed). */
  hasService(name: string): boolean {
    return this.coreFiles().some((f) => f.model.serviceByName.has(name)) || this.files().some((f) => f.model.serviceByName.has(name));
  }

  private namesCache?: string[];

  /** Service names of every file of the project (once: `unknown-service` asks for each unknown reference). */
  serviceNames(): string[] {
    return (this.namesCache ??= [...new Set(this.files().flatMap((f) => f.model.services.map((s) => s.name)))]);
  }

  /** The service as merged by Compose: base and override layers, an `extends` source first. */
  service(name: string): EffectiveService | undefined {
    const core = this.coreFiles();
    const order: FileRole[] = ['base', 'this', 'override'];
    let layers = order.flatMap((role) => core.filter((f) => f.role === role).flatMap((file) => (file.model.serviceByName.get(name) ? [{ service: file.model.serviceByName.get(name)!, file }] : [])));
    const files = layers.length > 0 ? core : this.files();
    if (layers.length === 0) {
      // Not in this file or its base/override: an included or sibling file may define it.
      const other = files.find((f) => f.model.serviceByName.has(name));
      if (other) layers = [{ service: other.model.serviceByName.get(name)!, file: other }];
    }
    if (layers.length === 0) return undefined;
    const ext = layers.find((l) => l.service.extends)?.service.extends;
    if (ext) {
      const source = ext.file ? files.find((f) => f.path && f.path === path.resolve(path.dirname(layers[0]!.file.path ?? '.'), ext.file!)) : layers[0]!.file;
      const base = source?.model.serviceByName.get(ext.service);
      if (base && (source !== layers[0]!.file || base.name !== name)) layers = [{ service: base, file: source! }, ...layers];
    }
    const effective: EffectiveService = { name, layers };
    for (const layer of layers) {
      const hc = layer.service.healthcheck;
      if (hc) effective.healthcheck = { value: effective.healthcheck ? mergeHealthcheck(effective.healthcheck.value, hc) : hc, file: layer.file };
      if (layer.service.image) effective.image = layer.service.image.interpolated.value;
    }
    return effective;
  }

  /** A top-level volume or network declared in any file of the project. */
  resource(kind: 'volumes' | 'networks', name: string): { decl: TopLevelResource; file: ProjectFile } | undefined {
    for (const files of [this.coreFiles(), this.files()]) {
      for (const file of files) {
        const decl = file.model[kind].get(name);
        if (decl) return { decl, file };
      }
    }
    return undefined;
  }

  /** Services of every file of the project that depend on `name`. */
  dependents(name: string): { service: ServiceModel; condition: string; file: ProjectFile }[] {
    const out: { service: ServiceModel; condition: string; file: ProjectFile }[] = [];
    for (const file of this.files()) {
      for (const s of file.model.services) {
        const dep = s.dependsOn.find((d) => d.name === name);
        if (dep && !out.some((o) => o.service.name === s.name)) out.push({ service: s, condition: dep.condition, file });
      }
    }
    return out;
  }
}

/** Mapping merge: the later definition's fields win, the rest stay. */
function mergeHealthcheck(a: HealthcheckModel, b: HealthcheckModel): HealthcheckModel {
  return {
    ...b,
    test: b.test ?? a.test,
    interval: b.interval ?? a.interval,
    timeout: b.timeout ?? a.timeout,
    startPeriod: b.startPeriod ?? a.startPeriod,
    startInterval: b.startInterval ?? a.startInterval,
    retries: b.retries ?? a.retries,
    disable: b.disable || a.disable,
  };
}

/** The file's path relative to the analysed file's folder. */
export function fileLabel(file: ProjectFile, self: ComposeModel): string {
  if (!file.path) return 'this file';
  return self.filePath ? path.relative(path.dirname(self.filePath), file.path).split(path.sep).join('/') : path.basename(file.path);
}

/** How a hover names the file a value came from (nothing for this file). */
export function fromFile(file: ProjectFile, self: ComposeModel): string {
  return file.model === self || !file.path ? '' : ` (from \`${fileLabel(file, self)}\`)`;
}
