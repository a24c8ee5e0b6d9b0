// Golden tests of the compose rules. Each case is a folder test/fixtures/compose/<rule-id>/<case>/ that
// holds the analysed file (`compose.yaml`, or the one compose file whose name does not start with
// `fixed.`), any other files of the project (override, .env, siblings), and the goldens:
//   expected.json          every finding of every rule, 1-based like the CLI's JSON
//   fixed.<file name>      the file after the preferred fix of the first finding of <rule-id>
// After the fix: the file still parses, that finding is gone, and no finding of another rule appears or
// disappears. UPDATE_GOLDEN=1 rewrites the goldens (read each one before committing it).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { DocumentAnalysis } from '../server/src/core/analysis';
import { kindFromFileName } from '../server/src/core/documentKind';
import { applyEdits, snapshot } from '../server/src/core/text';
import type { Diagnosis } from '../server/src/core/types';
import { FileSystemWorkspace } from '../server/src/core/workspace';
import { findingRecord } from '../server/src/cli/format';
import { parseCompose } from '../server/src/compose/model';
import type { PortSpec } from '../server/src/compose/ports';
import { overlaps } from '../server/src/compose/ports';
import { parseYaml, range } from '../server/src/compose/yamlTree';
import { COMPOSE_RULES } from '../server/src/registry';

const ROOT = path.resolve('test/fixtures/compose');
const update = process.env.UPDATE_GOLDEN === '1';

function analyse(caseDir: string, filePath: string, text: string) {
  const workspace = new FileSystemWorkspace({ roots: [caseDir], overlay: (p) => (p === filePath ? text : undefined) });
  const doc = snapshot(pathToFileURL(filePath).href, 'dockercompose', 1, text);
  const failures: string[] = [];
  const analysis = DocumentAnalysis.create(doc, 'compose', { filePath, workspace }, (m) => failures.push(m));
  const diagnoses = analysis.diagnoses();
  assert.deepEqual(failures, [], 'a rule failed');
  return { doc, diagnoses };
}

// Goldens list fix titles only.
const json = (d: Diagnosis[]) => d.map((x) => ({ ...findingRecord(x), fixes: x.fixes.map((f) => f.title) }));

const others = (d: Diagnosis[], rule: string) => d.filter((x) => x.ruleId !== rule).map((x) => `${x.ruleId}: ${x.message}`).sort();

if (existsSync(ROOT)) {
  for (const rule of readdirSync(ROOT)) {
    for (const caseName of readdirSync(path.join(ROOT, rule))) {
      const caseDir = path.join(ROOT, rule, caseName);
      const names = readdirSync(caseDir);
      const fileName = names.includes('compose.yaml') ? 'compose.yaml' : names.find((n) => !n.startsWith('fixed.') && kindFromFileName(n) === 'compose');
      if (!fileName) continue;
      test(`${rule}/${caseName}`, () => {
        const filePath = path.join(caseDir, fileName);
        const text = readFileSync(filePath, 'utf8');
        const { doc, diagnoses } = analyse(caseDir, filePath, text);
        const expectedFile = path.join(caseDir, 'expected.json');
        const fixedFile = path.join(caseDir, `fixed.${fileName}`);
        const target = diagnoses.find((d) => d.ruleId === rule);
        const fix = target?.fixes.find((f) => f.isPreferred) ?? target?.fixes[0];
        const fixed = fix ? applyEdits(doc, fix.edits) : undefined;
        if (update) {
          writeFileSync(expectedFile, JSON.stringify(json(diagnoses), null, 2) + '\n');
          rmSync(fixedFile, { force: true });
          if (fixed !== undefined) writeFileSync(fixedFile, fixed);
          return;
        }
        assert.deepEqual(json(diagnoses), JSON.parse(readFileSync(expectedFile, 'utf8')));
        if (fixed === undefined) {
          assert.ok(!existsSync(fixedFile), 'a fixed golden exists but no fix was offered');
          return;
        }
        assert.equal(fixed, readFileSync(fixedFile, 'utf8'));
        // The fixed file parses as well as before, the finding is gone, and nothing else changed.
        const errorsBefore = parseYaml(text).docs.flatMap((d) => d.errors).length;
        const errorsAfter = parseYaml(fixed).docs.flatMap((d) => d.errors).length;
        assert.ok(errorsAfter <= errorsBefore, 'the fix broke the YAML');
        const after = analyse(caseDir, filePath, fixed).diagnoses;
        assert.equal(after.filter((d) => d.ruleId === rule).length, diagnoses.filter((d) => d.ruleId === rule).length - 1, 'the finding is still there');
        if (rule !== 'yaml-syntax') assert.deepEqual(others(after, rule), others(diagnoses, rule), 'the fix changed other findings');
        // Line endings stay as they were.
        if (text.includes('\r\n')) assert.ok(!/[^\r]\n/.test(fixed), 'the fix wrote LF into a CRLF file');
      });
    }
  }
}

test('every compose rule has a case where it fires and one where it stays silent', () => {
  for (const rule of COMPOSE_RULES) {
    const dir = path.join(ROOT, rule.id);
    assert.ok(existsSync(dir), `no fixtures for ${rule.id}`);
    const results = readdirSync(dir).map((c) => (JSON.parse(readFileSync(path.join(dir, c, 'expected.json'), 'utf8')) as { rule: string }[]).some((f) => f.rule === rule.id));
    assert.ok(results.includes(true) && results.includes(false), `${rule.id}: needs a case that fires and one that does not`);
  }
});

test('unknown-service: the "did you mean" of each version follows that version\'s service names', () => {
  // The rule keeps its suggestions while the names stay the same: a rename must not leave a stale one.
  const dir = path.join(ROOT, '__inline__');
  const filePath = path.join(dir, 'compose.yaml');
  const version = (dbName: string) => `services:\n  web:\n    image: example/web:1\n    depends_on:\n      - dbb\n  ${dbName}:\n    image: postgres:17\n`;
  const suggestion = (text: string) => {
    const found = analyse(dir, filePath, text).diagnoses.filter((d) => d.ruleId === 'unknown-service');
    assert.equal(found.length, 1);
    return /Did you mean `([^`]+)`\?/.exec(found[0]!.message)?.[1];
  };
  assert.equal(suggestion(version('db')), 'db');
  assert.equal(suggestion(version('db')), 'db', 'the same names again');
  assert.equal(suggestion(version('pg')), undefined, 'no name within two edits any more');
  assert.equal(suggestion(version('dbx')), 'dbx');
  assert.equal(suggestion(version('db')), 'db');
});

test('duplicate-host-port: the port index reports exactly what comparing every pair of mappings reports', () => {
  // Random mappings from a small pool (single ports, ranges, engine-picked ranges, IPs, protocols), so that
  // many overlap; the oracle is the plain comparison of each mapping with every earlier one.
  let seed = 7;
  const random = (n: number) => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31), seed % n);
  const pick = <T>(xs: T[]) => xs[random(xs.length)]!;
  const mapping = () =>
    `${pick(['', '127.0.0.1:', '0.0.0.0:', '[::]:', '10.0.0.2:'])}${pick(['80', '443', '8000', '8001', '8000-8002', '8001-8003', '9000-9009'])}:${pick(['80', '8000-8002', '8001-8003', '9000'])}${pick(['', '', '/udp'])}`;
  for (let round = 0; round < 20; round++) {
    const services = Array.from({ length: 30 }, (_, i) => `  s${i}:\n    image: example/s:1\n    ports:\n${Array.from({ length: 1 + random(3) }, () => `      - "${mapping()}"\n`).join('')}`);
    const text = `services:\n${services.join('')}`;
    const filePath = path.join(ROOT, '__inline__', 'compose.yaml');
    const doc = snapshot(pathToFileURL(filePath).href, 'dockercompose', 1, text);
    const seen: { service: string; spec: PortSpec }[] = [];
    const expected: string[] = [];
    for (const service of parseCompose(doc, filePath).services) {
      for (const port of service.ports) {
        if (!port.parse.ok) continue;
        const spec = port.parse.spec;
        const first = seen.find((s) => overlaps(s.spec, spec));
        if (first) expected.push(`${doc.positionAt(range(port.node)![0]).line} ${first.service === service.name ? 'another entry of this service' : `\`${first.service}\``}`);
        seen.push({ service: service.name, spec });
      }
    }
    const reported = analyse(path.dirname(filePath), filePath, text)
      .diagnoses.filter((d) => d.ruleId === 'duplicate-host-port')
      .map((d) => `${d.range.start.line} ${/already published by (.+?): only/.exec(d.message)?.[1]}`);
    assert.ok(expected.length > 0, 'the pool makes overlaps');
    assert.deepEqual(reported, expected, text);
  }
});
