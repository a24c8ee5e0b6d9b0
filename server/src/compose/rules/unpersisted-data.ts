// Rule unpersisted-data: a well-known database image whose data directory is not on a named volume or a
// bind mount. With a declared VOLUME it lands in an anonymous volume (orphaned by `down`, not re-attached
// by the next `up`); without one, in the container's writable layer (lost on re-creation). Also the
// PostgreSQL 18 layout mismatch in both directions (domain-facts §3, §4).
import type { Rule } from '../../core/rule';
import type { Finding, TextEdit } from '../../core/types';
import { isUnder } from '../../dockerfile/copies';
import { tagMajor } from '../imageRef';
import { statefulImage } from '../images';
import type { ComposeModel, MountEntry, ServiceModel } from '../model';
import { code, nodeRange } from '../hovers/cursor';
import { addMapEntry, addSeqItem, addTopLevelKey, textEdit } from '../yamlEdit';
import { deref, entry, isScalar, range, scalarText, type Node } from '../yamlTree';
import { ANONYMOUS_VOLUME_FATE } from '../../stack/anonymousVolume';
import { withLazyFixes } from '../../core/lazyFixes';

export const ID = 'unpersisted-data';

export const unpersistedData: Rule<ComposeModel> = {
  id: ID,
  kind: 'compose',
  title: 'Database data directory not on a named volume or bind mount',
  defaultSeverity: 'warning',
  docs: `A well-known database image (PostgreSQL, MySQL, MariaDB, MongoDB, Elasticsearch, RabbitMQ, ClickHouse,
InfluxDB, Neo4j, Cassandra, CouchDB, …) whose data directory no named volume or bind mount covers:

- images that declare a \`VOLUME\` there put the data in an **anonymous volume**: ${ANONYMOUS_VOLUME_FATE};
- images without a \`VOLUME\` (Elasticsearch, Grafana) keep it in the container's writable layer, lost
  whenever the container is recreated.

Caches (Redis, Valkey, Memcached) are reported only when their command enables persistence
(\`--appendonly yes\`, \`--save …\`). PostgreSQL 18 moved its data: from 18 on the image declares
\`VOLUME /var/lib/postgresql\`, and a mount at the old \`/var/lib/postgresql/data\` makes the entrypoint exit;
up to 17, a mount at \`/var/lib/postgresql\` alone does not persist the data. An untagged, \`latest\` or
\`alpine\` tag is 18 or newer today. \`PGDATA\` overrides are followed.

**Quick-fix.** Mounts a named volume \`<service>-data\` at the data directory and declares it; for the
PostgreSQL layout mismatch, moves the mount to the path this version uses.`,
  check(model) {
    const findings: Finding[] = [];
    // Test and CI stacks start from empty databases on purpose.
    if (model.filePath && /(^|[\/._-])(tests?|testdata|e2e|ci|cypress)([\/._-]|$)/i.test(model.filePath.split(/[\/]/).slice(-3).join('/'))) return [];
    for (const service of model.services) {
      if (!service.image || service.image.raw.includes('$')) continue;
      const env = (name: string) => service.environment.find((e) => e.name === name)?.value;
      const known = statefulImage(service.image.interpolated.value, env);
      if (!known || !known.image.dataDir) continue;
      const { image, ref } = known;
      if (image.cache && !persistenceEnabled(service)) continue;
      const mounts = (model.related().service(service.name)?.layers ?? [{ service }]).flatMap((l) => l.service.volumes);
      if (mounts.some((m) => m.raw.includes('$'))) continue;
      const persistent = (m: MountEntry) => m.spec && (m.spec.type === 'volume' || m.spec.type === 'bind');
      const isPostgres = image.label === 'PostgreSQL';
      const pg18 = isPostgres && image.declaredVolumes[0] === '/var/lib/postgresql';

      // PostgreSQL 18+: a mount at the old path is the layout mismatch the entrypoint refuses.
      const oldLayout = pg18 ? mounts.find((m) => persistent(m) && m.spec!.target.replace(/\/+$/, '') === '/var/lib/postgresql/data') : undefined;
      if (oldLayout && !env('PGDATA')) {
        const finding = {
          ruleId: ID,
          range: nodeRange(model, oldLayout.node),
          message: `${code(service.image.raw)} is PostgreSQL 18 or newer${ref.tag && /^\d/.test(ref.tag) ? '' : ` (${ref.tag ? `\`${ref.tag}\`` : 'no tag'} follows the newest release)`}, which keeps its data under \`/var/lib/postgresql\`: this mount at \`/var/lib/postgresql/data\` is the old layout, and the entrypoint exits ("in 18+, these Docker images are configured to store database data in a format which is compatible with pg_ctlcluster"). Mount it at \`/var/lib/postgresql\`${ref.tag && /^\d/.test(ref.tag) ? '' : ', and pin a major version to avoid surprises'}; data already in the volume stays in the old layout (move it with \`pg_upgrade\` or a dump).`,
        };
        findings.push(withLazyFixes(finding, () => retarget(model, oldLayout, '/var/lib/postgresql')));
        continue;
      }
      // The deepest mount holding the data directory decides where the data lives. The image's own
      // VOLUMEs are anonymous mounts unless the file mounts something at exactly that path.
      const norm = (t: string) => t.replace(/\/+$/, '') || '/';
      const explicit = mounts.filter((m) => m.spec).map((m) => ({ target: norm(m.spec!.target), persistent: persistent(m) === true }));
      const implicit = image.declaredVolumes.filter((v) => !explicit.some((e) => e.target === v)).map((v) => ({ target: v, persistent: false }));
      const holding = [...explicit, ...implicit].filter((x) => isUnder(image.dataDir, x.target)).sort((a, b) => b.target.length - a.target.length);
      const covered = holding[0]?.persistent === true;
      // A tmpfs at the data directory says: keep it in memory, on purpose.
      if (service.tmpfs.some((t) => isUnder(image.dataDir, t.interpolated.value.split(':')[0]!.replace(/\/+$/, ''))) || mounts.some((m) => m.spec?.type === 'tmpfs' && isUnder(image.dataDir, m.spec.target))) continue;
      const shadowing = implicit.filter((v) => isUnder(image.dataDir, v.target));
      if (covered) continue;
      // Up to 17: a mount at /var/lib/postgresql is shadowed by the image's VOLUME at …/data.
      const pgParent = isPostgres && !pg18 ? mounts.find((m) => persistent(m) && m.spec!.target.replace(/\/+$/, '') === '/var/lib/postgresql') : undefined;
      const anonymous = mounts.find((m) => m.spec?.type === 'anonymous' && isUnder(image.dataDir, m.spec.target.replace(/\/+$/, '')));
      const where = shadowing.length > 0 || anonymous ? `an anonymous volume: ${ANONYMOUS_VOLUME_FATE}` : "the container's writable layer: it is lost whenever the container is recreated";
      const head = pgParent
        ? `${code(service.image.raw)} is PostgreSQL ${tagMajor(ref.tag) ?? ''} (up to 17), which keeps its data in \`/var/lib/postgresql/data\` and declares a VOLUME there: the mount at \`/var/lib/postgresql\` does not persist it.`
        : `The ${image.label} data directory ${code(image.dataDir)} of ${code(service.name)} is not on a named volume or bind mount.`;
      const finding = {
        ruleId: ID,
        range: nodeRange(model, pgParent?.node ?? anonymous?.node ?? service.image.node),
        message: `${head} The data goes to ${where}.${image.note && isPostgres && !pgParent ? ` ${image.note}` : ''}`,
      };
      findings.push(withLazyFixes(finding, () => (pgParent ? retarget(model, pgParent, '/var/lib/postgresql/data') : mountNamedVolume(model, service, image.dataDir, anonymous))));
    }
    return findings;
  },
};

function persistenceEnabled(service: ServiceModel): boolean {
  const cmd = service.command;
  if (!cmd) return false;
  const text = isScalar(cmd) ? (scalarText(cmd, service.doc) ?? '') : ((cmd as unknown as { items: Node[] }).items ?? []).map((n) => scalarText(n, service.doc) ?? '').join(' ');
  return /--appendonly\s+yes/.test(text) || /--save\s+(?!""|''|\s*$)\S/.test(text);
}

/** Changes a mount's target path (short or long syntax), keeping everything else. */
function retarget(model: ComposeModel, mount: MountEntry, target: string) {
  const r = range(mount.node);
  if (!r || !mount.spec) return [];
  const old = mount.spec.target;
  let edit: TextEdit | undefined;
  if (isScalar(mount.node)) {
    const source = model.text.slice(r[0], r[1]);
    const at = source.indexOf(`:${old}`);
    if (at >= 0) edit = textEdit(model, r[0] + at + 1, r[0] + at + 1 + old.length, target);
  } else {
    const t = deref(entry(mount.node, 'target', mount.doc)?.value, mount.doc);
    const tr = range(t);
    if (t && isScalar(t) && tr) {
      const source = model.text.slice(tr[0], tr[1]);
      const at = source.indexOf(old);
      if (at >= 0) edit = textEdit(model, tr[0] + at, tr[0] + at + old.length, target);
    }
  }
  return edit ? [{ title: `Mount at ${code(target)}`, edits: [edit], isPreferred: true }] : [];
}

/** Adds `- <service>-data:<dataDir>` to the service (replacing an anonymous volume there) and declares it. */
function mountNamedVolume(model: ComposeModel, service: ServiceModel, dataDir: string, anonymous: MountEntry | undefined) {
  const name = `${service.name}-data`;
  if (model.related().resource('volumes', name) || !/^[a-zA-Z0-9._-]+$/.test(name)) return [];
  const edits: TextEdit[] = [];
  if (anonymous && isScalar(anonymous.node)) {
    const r = range(anonymous.node)!;
    const source = model.text.slice(r[0], r[1]);
    const at = source.indexOf(anonymous.spec!.target);
    if (at < 0) return [];
    edits.push(textEdit(model, r[0] + at, r[0] + at, `${name}:`));
  } else {
    const volumes = deref(entry(service.node, 'volumes', service.doc)?.value, service.doc);
    const edit = volumes ? addSeqItem(model, volumes, `${name}:${dataDir}`) : addMapEntry(model, service.doc, service.node, 'volumes', [`- ${name}:${dataDir}`]);
    if (!edit) return [];
    edits.push(edit);
  }
  const declare = addTopLevelKey(model, service.doc, 'volumes', name);
  if (!declare) return [];
  edits.push(declare);
  return [{ title: `Keep the data in a named volume ${code(name)}`, edits, isPreferred: true }];
}
