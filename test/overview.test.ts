// Golden tests of the stack overview (server/src/overview/). Each case is a folder
// test/fixtures/overview/<case>/ with the analysed `compose.yaml` (the taskflow case reads
// examples/taskflow/docker-compose.yml) and its other project files, and the goldens `expected.json` (the
// StackOverview) and `expected.svg` (the rendering). Every SVG must be well-formed XML, load nothing
// (no URL but the SVG namespace, no script, no external href) and hold one `<g class="service"
// data-service="NAME">` per service. UPDATE_GOLDEN=1 rewrites the goldens (read each one before committing it).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { XMLValidator } from 'fast-xml-parser';
import { DocumentAnalysis } from '../server/src/core/analysis';
import { snapshot } from '../server/src/core/text';
import { EMPTY_WORKSPACE, FileSystemWorkspace, type WorkspaceView } from '../server/src/core/workspace';
import { MAX_SERVICES, overviewHtml, renderOverviewSvg, type StackOverview } from '../server/src/overview';
import { escapeXml } from '../server/src/overview/svg';

const ROOT = path.resolve('test/fixtures/overview');
const update = process.env.UPDATE_GOLDEN === '1';
const SOURCES: Record<string, string> = { taskflow: path.resolve('examples/taskflow/docker-compose.yml') };

function overviewOf(filePath: string, text: string, workspace: WorkspaceView): { overview: StackOverview; svg: string } {
  const failures: string[] = [];
  const doc = snapshot(pathToFileURL(filePath).href, 'dockercompose', 1, text);
  const analysis = DocumentAnalysis.create(doc, 'compose', { filePath, workspace }, (m) => failures.push(m));
  const overview = analysis.stackOverview();
  assert.deepEqual(failures, [], 'the overview logged a failure');
  assert.ok(overview, 'no overview');
  return { overview, svg: renderOverviewSvg(overview) };
}

/** What every rendering must satisfy, whatever the input. */
export function assertSafeSvg(svg: string, overview: StackOverview): void {
  assert.equal(XMLValidator.validate(svg), true, 'the SVG is not well-formed XML');
  const urls = (svg.match(/https?:\/\/[^\s"'<>)]*/g) ?? []).filter((u) => u !== 'http://www.w3.org/2000/svg');
  assert.deepEqual(urls, [], 'the SVG names a URL');
  assert.doesNotMatch(svg, /<script|href=|@import|url\((?!#)/i, 'the SVG loads or runs something');
  for (const s of overview.services) {
    const tag = `<g class="service" data-service="${escapeXml(s.name)}">`;
    assert.equal(svg.split(tag).length - 1, 1, `one ${tag}`);
  }
  assert.equal(svg.split('<g class="service" ').length - 1, overview.services.length, 'one service group per service');
  const json = JSON.stringify(overview);
  assert.doesNotMatch(json, /null/, 'a number that JSON cannot hold (Infinity, NaN)');
}

for (const caseName of readdirSync(ROOT).sort()) {
  test(`overview golden: ${caseName}`, () => {
    const caseDir = path.join(ROOT, caseName);
    const filePath = SOURCES[caseName] ?? path.join(caseDir, 'compose.yaml');
    const workspace = new FileSystemWorkspace({ roots: [path.dirname(filePath)] });
    const { overview, svg } = overviewOf(filePath, readFileSync(filePath, 'utf8'), workspace);
    assertSafeSvg(svg, overview);
    assert.equal(renderOverviewSvg(overview), svg, 'the rendering is deterministic');
    const jsonFile = path.join(caseDir, 'expected.json');
    const svgFile = path.join(caseDir, 'expected.svg');
    if (update) {
      writeFileSync(jsonFile, JSON.stringify(overview, null, 2) + '\n');
      writeFileSync(svgFile, svg);
      return;
    }
    assert.deepEqual(JSON.parse(JSON.stringify(overview)), JSON.parse(readFileSync(jsonFile, "utf8")), `${jsonFile} differs`);
    assert.equal(svg, readFileSync(svgFile, 'utf8'), `${svgFile} differs`);
  });
}

/** As the LSP client and the CLI's JSON see it: undefined fields are absent. */
const plain = <T>(x: T): T => JSON.parse(JSON.stringify(x));

const load = (caseName: string) => {
  const filePath = SOURCES[caseName] ?? path.join(ROOT, caseName, 'compose.yaml');
  return overviewOf(filePath, readFileSync(filePath, 'utf8'), new FileSystemWorkspace({ roots: [path.dirname(filePath)] })).overview;
};

test('taskflow: backend waits for postgres and mongodb to be healthy (5s, the hover figure) and redis to run', () => {
  const o = load('taskflow');
  assert.deepEqual(o.services.map((s) => s.name), ['backend', 'frontend', 'postgres', 'mongodb', 'redis']);
  const backend = o.startup.find((s) => s.service === 'backend')!;
  assert.deepEqual(backend.waits, [
    { on: 'postgres', condition: 'service_healthy', until: 5000 },
    { on: 'mongodb', condition: 'service_healthy', until: 5000 },
    { on: 'redis', condition: 'service_started', until: 0 },
  ]);
  assert.equal(backend.earliestStart, 5000);
  assert.deepEqual(o.startup.map((s) => `${s.layer}:${s.service}`), ['0:postgres', '0:mongodb', '0:redis', '1:backend', '2:frontend']);
  const postgres = o.services.find((s) => s.name === 'postgres')!;
  assert.deepEqual(postgres.health, { kind: 'probe', source: 'compose', firstProbe: 5000, earliestHealthy: 5000, unhealthyFailingFast: 30_000, unhealthyHanging: 60_000 });
  assert.deepEqual(postgres.volumes[0], {
    kind: 'named', source: 'postgres_data', target: '/var/lib/postgresql/data', readOnly: false, volumeName: 'taskflow_postgres_data',
    external: false, declared: true, survivesDown: true, survivesDownVolumes: false,
  });
  assert.deepEqual(plain(postgres.ports), [{ published: '5432', target: '5432', protocol: 'tcp', ignored: false }]);
});

test('multi-file: override, include and extends are merged as Compose merges them', () => {
  const o = load('multi-file');
  assert.deepEqual(o.files, [
    { path: 'compose.override.yaml', role: 'override' },
    { path: 'db/compose.yaml', role: 'include' },
  ]);
  const api = o.services.find((s) => s.name === 'api')!;
  assert.deepEqual(api.definedIn, ['compose.override.yaml']);
  assert.deepEqual(api.ports.map((p) => [p.hostIp, p.published, p.target]), [[undefined, '8000', '8000'], ['::1', '9229', '9229']]);
  assert.deepEqual(api.volumes.map((v) => [v.kind, v.target, v.readOnly, v.survivesDownVolumes]), [['named', '/srv/uploads', false, true], ['bind', '/app', true, true]]);
  assert.equal(api.volumes[0]!.external, true);
  assert.equal(api.health.kind, 'probe');
  assert.deepEqual(o.services.find((s) => s.name === 'web')!.volumes.map((v) => v.kind), ['tmpfs'], 'tmpfs from the extended service');
  assert.equal(o.services.find((s) => s.name === 'db')!.definedIn[0], 'db/compose.yaml');
  const api_ = o.startup.find((s) => s.service === 'api')!;
  assert.equal(api_.earliestStart, undefined, 'waiting for a completion has no computable time');
  assert.deepEqual(o.edges.filter((e) => e.missing || e.cycle), []);
});

test('broken: cycles, a self-dependency, undefined services and impossible conditions are shown, not thrown', () => {
  const o = load('broken');
  assert.deepEqual(o.edges.filter((e) => e.cycle).map((e) => `${e.from}->${e.to}`), ['a->b', 'b->c', 'c->a', 'self->self']);
  assert.deepEqual(o.edges.filter((e) => e.missing).map((e) => e.to), ['ghost']);
  const lonely = o.startup.find((s) => s.service === 'lonely')!;
  assert.equal(lonely.problems.length, 4);
  assert.match(lonely.problems.join('\n'), /undefined service `ghost`/);
  assert.match(lonely.problems.join('\n'), /`nohealth` to be healthy, but it has no healthcheck \(none in the project, and its image ships none\)/);
  assert.match(lonely.problems.join('\n'), /`disabled` to be healthy, but its healthcheck is disabled/);
  assert.match(lonely.problems.join('\n'), /`service_ready` is not a condition/);
  const volumes = o.services.find((s) => s.name === 'lonely')!.volumes;
  assert.deepEqual(volumes.map((v) => [v.kind, v.survivesDown]), [['anonymous', false], ['anonymous', false], ['tmpfs', false], ['named', true]]);
  assert.equal(volumes[3]!.declared, false);
  assert.ok(o.services.find((s) => s.name === 'weird')!.ports.every((p) => p.ignored), 'network_mode: host discards ports');
});

test('empty and invalid YAML give an overview with a note, never an exception', () => {
  assert.deepEqual(load('empty').notes, ['No services: nothing to start.']);
  const invalid = load('invalid-yaml');
  assert.match(invalid.notes[0]!, /YAML syntax errors/);
});

test('many services: at most MAX_SERVICES are drawn, the rest counted, in bounded time', () => {
  const n = 400;
  const lines = ['services:'];
  for (let i = 0; i < n; i++) {
    lines.push(`  s${i}:`, '    image: alpine', '    volumes: ["/v", "data:/data"]', `    depends_on: [${i > 0 ? `s${i - 1}` : `s${n - 1}`}, s${(i * 7) % n}]`);
    lines.push('    healthcheck:', '      test: ["CMD", "true"]', '      interval: 1s');
  }
  lines.push('volumes:', '  data:');
  const started = performance.now();
  const { overview, svg } = overviewOf('/nowhere/compose.yaml', lines.join('\n'), EMPTY_WORKSPACE);
  const ms = performance.now() - started;
  assert.equal(overview.services.length, MAX_SERVICES);
  assert.equal(overview.omitted, n - MAX_SERVICES);
  assertSafeSvg(svg, overview);
  assert.ok(ms < 5000, `took ${Math.round(ms)} ms`);
});

test('a long acyclic chain does not overflow the stack and lays out one layer per link', () => {
  const lines = ['services:'];
  for (let i = 0; i < MAX_SERVICES; i++) lines.push(`  s${i}:`, '    image: alpine', ...(i > 0 ? ['    depends_on:', `      s${i - 1}:`, '        condition: service_healthy'] : []), '    healthcheck: {test: ["CMD", "true"], interval: 2s}');
  const { overview, svg } = overviewOf('/nowhere/compose.yaml', lines.join('\n'), EMPTY_WORKSPACE);
  assert.equal(overview.startup.at(-1)!.layer, MAX_SERVICES - 1);
  assert.equal(overview.startup.at(-1)!.earliestStart, (MAX_SERVICES - 1) * 2000);
  assertSafeSvg(svg, overview);
});

test('the standalone HTML page wraps the SVG and loads nothing', () => {
  const o = load('taskflow');
  const html = overviewHtml('Stack overview: docker-compose.yml', renderOverviewSvg(o));
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">/);
  assert.deepEqual((html.match(/https?:\/\/[^\s"'<>)]*/g) ?? []).filter((u) => u !== 'http://www.w3.org/2000/svg'), []);
  assert.ok(html.includes('<g class="service" data-service="backend">'));
});

test('overview startup: required: false only warns; "healthy ≥" holds for older engines too (domain-facts §2.4, §2.2b)', () => {
  const text = `services:
  app:
    image: example/app:1
    depends_on:
      cache: { condition: service_healthy, required: false }
      db: { condition: service_healthy }
  cache:
    image: redis:7
  db:
    image: example/db:1
    healthcheck:
      test: ["CMD", "probe"]
      interval: 30s
      start_period: 10s
      start_interval: 5s
`;
  const { overview } = overviewOf(path.join(ROOT, 'inline', 'compose.yaml'), text, EMPTY_WORKSPACE);
  const app = overview.startup.find((s) => s.service === 'app')!;
  const db = overview.services.find((s) => s.name === 'db')!;
  // Current engines probe at the end of the 10s start period; older ones every start_interval (5s) inside it.
  assert.equal(db.health.kind === 'probe' && db.health.earliestHealthy, 5_000);
  assert.deepEqual(app.problems, ['waits for `cache` to be healthy, but it has no healthcheck that runs: with `required: false` Compose only warns ("optional dependency … failed to start") and starts this service']);
  assert.equal(app.earliestStart, 5_000);
});

test('overview: an image docklens cannot see into may have its own healthcheck: no time and no problem, as the rule', () => {
  const text = `services:
  app:
    image: example/app:1
    depends_on:
      cache: { condition: service_healthy }
      db: { condition: service_healthy }
  cache:
    image: example/cache:1
  db:
    image: postgres:16
`;
  const { overview } = overviewOf(path.join(ROOT, 'inline', 'compose.yaml'), text, EMPTY_WORKSPACE);
  const health = Object.fromEntries(overview.services.map((s) => [s.name, s.health.kind]));
  assert.deepEqual(health, { app: 'unknown', cache: 'unknown', db: 'none' });
  const app = overview.startup.find((s) => s.service === 'app')!;
  // Only the official image is known to ship none (healthcheck-missing-for-dependency reports only that one).
  assert.deepEqual(app.problems, ['waits for `db` to be healthy, but it has no healthcheck (none in the project, and its image ships none): `up` fails']);
  assert.equal(app.earliestStart, undefined, 'when cache turns healthy is up to its image');
  assert.deepEqual(app.waits.map((w) => [w.on, w.until]), [['cache', undefined], ['db', undefined]]);
});
