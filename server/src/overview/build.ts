// The compose model of one file, with the files Compose combines it with (project.ts), turned into a
// StackOverview. Facts are not recomputed here: ports come from ports.ts, mounts from mounts.ts (via the
// model), healthcheck times from healthTimeline.ts with the same merged and image values the hover uses.
import type { WorkspaceView } from '../core/workspace';
import { realVolumeName } from '../compose/hovers/volumes';
import { timeline, type HealthParams, type Timeline } from '../compose/healthTimeline';
import type { ComposeModel, DependsOnEntry, MountEntry, ServiceModel } from '../compose/model';
import { statefulImage } from '../compose/images';
import { formatRange } from '../compose/ports';
import { fileLabel, type EffectiveService, type ProjectFile } from '../compose/project';
import { effectiveHealth } from '../stack/effectiveHealth';
import { imageHealthcheck } from '../stack/imageHealthcheck';
import { knownWithoutHealthcheck } from '../stack/knownWithoutHealthcheck';
import { computeStartup, findCycleEdges } from './startup';
import type { HealthState, OverviewEdge, OverviewPort, OverviewService, OverviewVolume, StackOverview } from './types';

/** More services than a picture can show: the rest are counted, not drawn (bounded work and size). */
export const MAX_SERVICES = 120;

export function buildStackOverview(model: ComposeModel, workspace?: WorkspaceView): StackOverview {
  const project = model.related();
  const files = project.coreFiles();
  const names: string[] = [];
  for (const file of files) for (const s of file.model.services) if (!names.includes(s.name)) names.push(s.name);
  const shown = names.slice(0, MAX_SERVICES);
  const notes: string[] = [];
  if (model.yaml.docs.some((d) => d.errors.length > 0)) notes.push('The file has YAML syntax errors: the overview shows what could be read.');
  if (names.length === 0) notes.push('No services: nothing to start.');

  const services: OverviewService[] = [];
  const deps = new Map<string, DependsOnEntry[]>();
  for (const name of shown) {
    const effective = project.service(name);
    if (!effective) continue;
    services.push(describeService(model, effective, workspace));
    deps.set(name, mergedDependsOn(effective));
  }
  const known = new Set(names);
  // As the unknown-service rule judges it: sibling `-f` files count, and a `$` name is not judged.
  const missing = (name: string) => !known.has(name) && !name.includes('$') && !project.hasService(name);
  const edges: OverviewEdge[] = [];
  for (const [from, list] of deps) {
    for (const d of list) edges.push({ from, to: d.name, condition: d.condition, required: d.required, restart: d.restart, missing: missing(d.name), cycle: false });
  }
  const cyclic = findCycleEdges(edges);
  for (const e of edges) e.cycle = cyclic.has(e);
  return {
    file: fileLabel(files[0]!, model),
    project: model.project.name,
    files: files.slice(1).map((f) => ({ path: fileLabel(f, model), role: f.role })),
    services,
    edges,
    startup: computeStartup(services, edges),
    omitted: names.length - shown.length,
    notes,
  };
}

function describeService(model: ComposeModel, effective: EffectiveService, workspace: WorkspaceView | undefined): OverviewService {
  const layers = effective.layers;
  const last = <T>(pick: (s: ServiceModel) => T | undefined): T | undefined => {
    let out: T | undefined;
    for (const l of layers) out = pick(l.service) ?? out;
    return out;
  };
  const build = last((s) => s.build);
  const hostNetwork = last((s) => s.networkMode)?.interpolated.value === 'host';
  return {
    name: effective.name,
    image: effective.image,
    build: build ? { context: build.context?.interpolated.value ?? '.', dockerfile: build.dockerfile?.interpolated.value } : undefined,
    definedIn: [...new Set(layers.filter((l) => l.file.model !== model).map((l) => fileLabel(l.file, model)))],
    ports: mergedPorts(layers, hostNetwork),
    volumes: withImageVolumes(mergedVolumes(model, layers), effective.image, last((s) => (s.environment.length > 0 ? s.environment : undefined)) ?? []),
    health: healthOf(effective, workspace),
    profiles: last((s) => (s.profiles.length > 0 ? s.profiles : undefined)) ?? [],
  };
}

type Layer = { service: ServiceModel; file: ProjectFile };

/** Compose appends the `ports` of later files; an identical mapping is listed once. */
function mergedPorts(layers: Layer[], ignored: boolean): OverviewPort[] {
  const out: OverviewPort[] = [];
  const seen = new Set<string>();
  for (const { service } of layers) {
    for (const p of service.ports) {
      if (!p.parse.ok) continue;
      const spec = p.parse.spec;
      const port: OverviewPort = { hostIp: spec.hostIp, published: spec.published && formatRange(spec.published), target: formatRange(spec.target), protocol: spec.protocol, ignored };
      const key = JSON.stringify(port);
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(port);
    }
  }
  return out;
}

/** Later files replace a mount at the same container path (Compose merges `volumes` by target). */
function mergedVolumes(model: ComposeModel, layers: Layer[]): OverviewVolume[] {
  const byTarget = new Map<string, OverviewVolume>();
  for (const { service } of layers) {
    for (const m of service.volumes) {
      const v = describeMount(model, m);
      if (v) byTarget.set(v.target, v);
    }
    for (const t of service.tmpfs) {
      const target = t.interpolated.value.split(':')[0] ?? '';
      byTarget.set(target, { kind: 'tmpfs', target, readOnly: false, survivesDown: false, survivesDownVolumes: false });
    }
  }
  return [...byTarget.values()];
}

/**
 * A known image's own `VOLUME` paths that no mount covers: each gets an anonymous volume per container
 * (domain-facts §3.7), so the picture shows them as such. Only images the project knows (images.ts).
 */
function withImageVolumes(volumes: OverviewVolume[], image: string | undefined, environment: ServiceModel['environment']): OverviewVolume[] {
  const known = image && !image.includes('$') ? statefulImage(image, (name) => environment.find((e) => e.name === name)?.value) : undefined;
  const norm = (t: string) => t.replace(/\/+$/, '') || '/';
  const covered = new Set(volumes.map((v) => norm(v.target)));
  const implicit = (known?.image.declaredVolumes ?? []).filter((path) => !covered.has(norm(path)));
  return [...volumes, ...implicit.map((target): OverviewVolume => ({ kind: 'anonymous', target, readOnly: false, fromImage: true, survivesDown: false, survivesDownVolumes: false }))];
}

/** What survives follows domain-facts §3.3 and §3.5 (the same statements as the volumes hover). */
function describeMount(model: ComposeModel, m: MountEntry): OverviewVolume | undefined {
  const spec = m.spec;
  if (!spec) return undefined;
  const base = { target: spec.target, readOnly: spec.readOnly };
  switch (spec.type) {
    case 'volume': {
      const key = spec.source ?? '';
      const decl = model.related().resource('volumes', key)?.decl;
      const external = decl?.external === true;
      return { kind: 'named', source: key, ...base, volumeName: realVolumeName(model, key), external, declared: decl !== undefined, survivesDown: true, survivesDownVolumes: external };
    }
    case 'bind':
      return { kind: 'bind', source: spec.source, ...base, survivesDown: true, survivesDownVolumes: true };
    case 'anonymous':
      // `up` re-attaches it on recreate, but after `down` the next `up` creates a new one (the image's content at that path, none of the data).
      return { kind: 'anonymous', ...base, survivesDown: false, survivesDownVolumes: false };
    case 'tmpfs':
      return { kind: 'tmpfs', ...base, survivesDown: false, survivesDownVolumes: false };
    default:
      return { kind: 'other', source: spec.source, ...base, survivesDown: spec.type === 'image', survivesDownVolumes: spec.type === 'image' };
  }
}

/** Later files replace a dependency of the same name. */
function mergedDependsOn(effective: EffectiveService): DependsOnEntry[] {
  const byName = new Map<string, DependsOnEntry>();
  for (const { service } of effective.layers) for (const d of service.dependsOn) byName.set(d.name, d);
  return [...byName.values()];
}

/** The healthcheck the hover and inlay hint describe: merged across files, unset fields from the image. */
function healthOf(effective: EffectiveService, workspace: WorkspaceView | undefined): HealthState {
  const local = [...effective.layers].reverse().find((l) => l.service.build);
  const image = local && workspace ? imageHealthcheck(local.file.model, local.service, workspace) : undefined;
  const health = effectiveHealth(effective.healthcheck?.value, image);
  if (health.kind === 'disabled') return { kind: 'disabled' };
  if (health.kind === 'probe') return { kind: 'probe', source: health.source, ...anyEngine(health.params) };
  // None in the project or a Dockerfile we read: the image may still have one, unless it is known not to
  // (or there is no image at all).
  if (!effective.layers.some((l) => l.service.image || l.service.build)) return { kind: 'none' };
  return workspace && knownWithoutHealthcheck(effective, workspace) ? { kind: 'none' } : { kind: 'unknown' };
}

/**
 * The picture says "healthy ≥" and "unhealthy by ≈": bounds that hold on current and older engines alike
 * (domain-facts §2.2b: older engines used `start_interval` inside the start period too; the hover shows both).
 */
function anyEngine(p: HealthParams): Timeline {
  const now = timeline(p);
  const legacy = timeline(p, 'legacy');
  return {
    firstProbe: Math.min(now.firstProbe, legacy.firstProbe),
    earliestHealthy: Math.min(now.earliestHealthy, legacy.earliestHealthy),
    unhealthyFailingFast: Math.min(now.unhealthyFailingFast, legacy.unhealthyFailingFast),
    unhealthyHanging: Math.max(now.unhealthyHanging, legacy.unhealthyHanging),
  };
}
