// Table tests of the compose model's building blocks: interpolation (compose-go template semantics),
// durations, port and mount syntax, project names and the healthcheck probe loop.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDotenv } from '../server/src/compose/dotenv';
import { parseDuration } from '../server/src/compose/duration';
import { timeline, withDefaults } from '../server/src/compose/healthTimeline';
import { parseImageRef } from '../server/src/compose/imageRef';
import { interpolate } from '../server/src/compose/interpolate';
import { normalizeProjectName } from '../server/src/compose/model';
import { parseShortMount } from '../server/src/compose/mounts';
import { parseShortPort } from '../server/src/compose/ports';

// compose-go's own template tests (template/template_test.go) use this mapping: FOO set, BAR empty.
const ENV: Record<string, string> = { FOO: 'first', BAR: '' };
const lookup = (name: string) => (name in ENV ? { value: ENV[name]!, origin: 'test' } : undefined);

// [template, result, error]: the cases of compose-go's TestEscaped … TestPrecedence, with their expectations.
const INTERPOLATION: [string, string, string?][] = [
  ['$${foo}', '${foo}'],
  ['foo', 'foo'],
  ['$FOO-bar', 'first-bar'],
  ['This ${missing} var', 'This  var'],
  ['This ${BAR} var', 'This  var'],
  ['This $FOO var', 'This first var'],
  ['This ${FOO} var', 'This first var'],
  ['ok ${missing:-def}', 'ok def'],
  ['ok ${missing-def}', 'ok def'],
  ['ok ${BAR:-def}', 'ok def'],
  ['ok ${FOO:-def}', 'ok first'],
  ['ok ${BAR-def}', 'ok '],
  ['ok ${BAR:-/non:-alphanumeric}', 'ok /non:-alphanumeric'],
  ['ok ${UNSET_VAR-$FOO}', 'ok first'],
  ['ok ${UNSET_VAR-${FOO}}', 'ok first'],
  ['ok ${UNSET_VAR-${FOO} ${FOO}}', 'ok first first'],
  ['ok ${BAR:-$FOO}', 'ok first'],
  ['ok ${BAR:-${FOO} ${FOO}}', 'ok first first'],
  ['not ok ${UNSET_VAR:?Mandatory Variable Unset}', 'not ok ', 'required variable UNSET_VAR is missing a value: Mandatory Variable Unset'],
  ['not ok ${BAR:?Mandatory Variable Empty}', 'not ok ', 'required variable BAR is missing a value: Mandatory Variable Empty'],
  ['not ok ${UNSET_VAR:?}', 'not ok ', 'required variable UNSET_VAR is missing a value'],
  ['not ok ${UNSET_VAR?Mandatory Variable Unset}', 'not ok ', 'required variable UNSET_VAR is missing a value: Mandatory Variable Unset'],
  ['not ok ${UNSET_VAR:?Mandatory Variable ${FOO}}', 'not ok ', 'required variable UNSET_VAR is missing a value: Mandatory Variable first'],
  ['ok ${FOO:?err}', 'ok first'],
  ['ok ${FOO?err}', 'ok first'],
  ['ok ${BAR?err}', 'ok '],
  ['${UNSET_VAR?bar-baz}', '', 'required variable UNSET_VAR is missing a value: bar-baz'],
  ['${UNSET_VAR-myerror?msg}', 'myerror?msg'],
  ['${FOO?bar-baz}', 'first'],
  ['${BAR:-default_value_for_empty_var}', 'default_value_for_empty_var'],
  ['${UNSET_VAR-default_value_for_unset_var}', 'default_value_for_unset_var'],
  // `:+`/`+` are in compose-go and the Docker docs, though not in the spec.
  ['${FOO:+alt}', 'alt'],
  ['${BAR:+alt}', ''],
  ['${BAR+alt}', 'alt'],
  ['${UNSET+alt}', ''],
];

// compose-go's TestInvalid: each of these is an "Invalid template" error.
for (const template of ['${', '$}', '${}', '${ }', '${ foo}', '${foo }', '${foo!}', 'price $5']) {
  test(`interpolate rejects ${template}`, () => assert.match(interpolate(template, lookup).error ?? '', /^Invalid template/));
}

for (const [input, value, error] of INTERPOLATION) {
  test(`interpolate ${input}`, () => {
    const r = interpolate(input, lookup);
    assert.equal(r.value, value);
    assert.equal(r.error, error);
  });
}

test('.env: export, quotes, comments, interpolation of earlier keys', () => {
  const env = parseDotenv('# comment\nexport A=1\nB="two words" \nC=\'${A} literal\'\nD=${A}-x # trailing\nE=\n');
  assert.deepEqual(
    [...env.values()].map((e) => [e.name, e.value, e.origin]),
    [
      ['A', '1', '.env line 2'],
      ['B', 'two words', '.env line 3'],
      ['C', '${A} literal', '.env line 4'],
      ['D', '1-x', '.env line 5'],
      ['E', '', '.env line 6'],
    ],
  );
});

test('durations as compose-go reads them', () => {
  assert.deepEqual(['5s', '1m30s', '1h5m30s20ms', '500ms', '0', '30', 'abc', '1.5s'].map(parseDuration), [5000, 90000, 3930020, 500, 0, undefined, undefined, 1500]);
});

test('project names are normalised like compose-go NormalizeProjectName', () => {
  assert.deepEqual(['Taskflow', 'my app', '_x-Y.z', 'UNNORMALIZED PATH'].map(normalizeProjectName), ['taskflow', 'myapp', 'x-yz', 'unnormalizedpath']);
});

const PORTS: [string, object][] = [
  ['8000:8000', { hostIp: undefined, published: { start: 8000, end: 8000 }, target: { start: 8000, end: 8000 }, protocol: 'tcp' }],
  ['3000', { hostIp: undefined, published: undefined, target: { start: 3000, end: 3000 }, protocol: 'tcp' }],
  ['127.0.0.1:5432:5432', { hostIp: '127.0.0.1', published: { start: 5432, end: 5432 }, target: { start: 5432, end: 5432 }, protocol: 'tcp' }],
  ['127.0.0.1::80', { hostIp: '127.0.0.1', published: undefined, target: { start: 80, end: 80 }, protocol: 'tcp' }],
  ['[::1]:6001:6001', { hostIp: '::1', published: { start: 6001, end: 6001 }, target: { start: 6001, end: 6001 }, protocol: 'tcp' }],
  ['::1:6000:6000', { hostIp: '::1', published: { start: 6000, end: 6000 }, target: { start: 6000, end: 6000 }, protocol: 'tcp' }],
  ['9090-9091:8080-8081', { hostIp: undefined, published: { start: 9090, end: 9091 }, target: { start: 8080, end: 8081 }, protocol: 'tcp' }],
  ['53:53/udp', { hostIp: undefined, published: { start: 53, end: 53 }, target: { start: 53, end: 53 }, protocol: 'udp' }],
];
for (const [raw, expected] of PORTS) {
  test(`port ${raw}`, () => {
    const r = parseShortPort(raw);
    assert.ok(r.ok);
    assert.deepEqual(r.spec, { syntax: 'short', ...expected });
  });
}

test('mount sources are classified as compose-go does', () => {
  assert.deepEqual(
    ['db:/var/lib/mysql', './src:/app:ro', '/data', '~/x:/x', 'C:\\data:/data', '/host:/c:rw,z'].map((m) => {
      const s = parseShortMount(m);
      return [s.type, s.source, s.target, s.options.join(',')];
    }),
    [
      ['volume', 'db', '/var/lib/mysql', ''],
      ['bind', './src', '/app', 'ro'],
      ['anonymous', undefined, '/data', ''],
      ['bind', '~/x', '/x', ''],
      ['bind', 'C:\\data', '/data', ''],
      ['bind', '/host', '/c', 'rw,z'],
    ],
  );
});

test('image references with Docker Hub defaults', () => {
  assert.deepEqual(parseImageRef('postgres:16'), { registry: 'docker.io', repository: 'library/postgres', name: 'postgres', tag: '16', digest: undefined, official: true });
  assert.deepEqual(parseImageRef('localhost:5000/team/app'), { registry: 'localhost:5000', repository: 'team/app', name: 'app', tag: undefined, digest: undefined, official: false });
});

// The engine's probe loop (moby daemon/health.go): waits run from the end of one probe to the next.
const TIMELINES: [string, Parameters<typeof withDefaults>[0], [number, number, number]][] = [
  ['defaults', {}, [30_000, 90_000, 180_000]],
  ['interval 5s, retries 5 (the issue example)', { interval: 5000, timeout: 5000, retries: 5, startPeriod: 10_000 }, [5000, 30_000, 60_000]],
  ['start_interval without start_period has no effect', { interval: 10_000, startInterval: 1000, timeout: 2000 }, [10_000, 30_000, 36_000]],
];
for (const [name, params, [first, fast, hanging]] of TIMELINES) {
  test(`healthcheck timeline: ${name}`, () => {
    const t = timeline(withDefaults(params));
    assert.deepEqual([t.firstProbe, t.unhealthyFailingFast, t.unhealthyHanging], [first, fast, hanging]);
  });
}
