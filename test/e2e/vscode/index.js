// VS Code extension-host test for docklens (the module named by extensionTestsPath).
// Plain CommonJS, no mocha: VS Code calls run(); a rejected promise becomes a non-zero exit code.
// Runs unchanged in two hosts:
//   - code-server's Node extension host, opened with the `payload` URL route (test/e2e/run.sh);
//     there the extension under test is the INSTALLED .vsix, and run.sh passes
//     DOCKLENS_E2E_EXTENSIONS_DIR so we can check that the activated copy really lives there;
//   - desktop VS Code through @vscode/test-electron (test/e2e/vscode/electron.js, `npm run test:vscode`),
//     where the extension under test is the repository itself (extensionDevelopmentPath).
// The workspace folder must be a scratch copy of examples/taskflow (this test edits files in it and
// changes user settings, which both runners keep in scratch folders).
// Every check logs one line `EXT-TEST ok - NAME` or `EXT-TEST not ok - NAME: why`; the driver counts them.
// A check is one named function in CHECKS below; `needs` names the checks whose results it uses
// (a failed prerequisite fails it without running it). Order matters: the quick-fix edits the Dockerfile.
const vscode = require('vscode');
const assert = require('assert');
const fs = require('fs');
const path = require('path');

const EXTENSION_ID = 'docklens.docklens';
const GOLDEN_FIXED = path.join(__dirname, '..', 'golden', 'backend.dockerfile.fixed');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const log = (s) => console.log('EXT-TEST ' + s);

/** Polls fn() every `every` ms until it returns a truthy value or `ms` elapse; returns the last value. */
async function poll(fn, ms, every = 250) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v || Date.now() >= end) return v;
    await sleep(every);
  }
}

const codeOf = (d) => (d.code !== null && typeof d.code === 'object' ? d.code.value : d.code);
const isCopyBeforeInstall = (d) => d.source === 'docklens' && String(codeOf(d)) === 'copy-before-install';
const lineIndex = (doc, re) => {
  for (let i = 0; i < doc.lineCount; i++) if (re.test(doc.lineAt(i).text)) return i;
  return -1;
};
const hoverText = (hovers) =>
  (hovers || []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
const labelText = (hint) => (typeof hint.label === 'string' ? hint.label : hint.label.map((p) => p.value).join(''));
const severityName = (s) => Object.keys(vscode.DiagnosticSeverity).find((k) => vscode.DiagnosticSeverity[k] === s);
const copyBeforeInstall = (s) => vscode.languages.getDiagnostics(s.dockerfileUri).find(isCopyBeforeInstall);

/** Inlay hints of the whole document as `line N: label` strings (1-based lines). */
async function inlayHints(doc) {
  const all = new vscode.Range(0, 0, doc.lineCount, 0);
  const hints = (await vscode.commands.executeCommand('vscode.executeInlayHintProvider', doc.uri, all)) || [];
  return hints.map((h) => `line ${h.position.line + 1}: ${labelText(h)}`);
}

/** Sets a docklens user setting (undefined removes it); the scratch user data keeps it out of real profiles. */
async function setSetting(key, value) {
  await vscode.workspace.getConfiguration('docklens').update(key, value, vscode.ConfigurationTarget.Global);
}

/** Hover text at a 0-based position, retried while the server is starting (bounded). */
async function hoverUntil(uri, pos, phrase, ms = 15000) {
  const text = await poll(async () => {
    const t = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, pos));
    return t.includes(phrase) ? t : '';
  }, ms, 500);
  assert.ok(text, 'hover text was: ' +
    JSON.stringify(hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, pos))));
  return text;
}

// The port and healthcheck hints of examples/taskflow/docker-compose.yml (test/fixtures/taskflow golden).
const PORT_HINTS = ['line 9: host *:8000 → container 8000/tcp', 'line 28: host *:5173 → container 5173/tcp',
  'line 48: host *:5432 → container 5432/tcp', 'line 61: host *:27017 → container 27017/tcp'];
const HEALTHCHECK_HINTS = ['line 40: healthy ≥ 5s, unhealthy ≈ 30s–1m if failing'];

const CHECKS = [
  {
    name: 'backend.dockerfile opens as languageId dockerfile',
    async run(s) {
      s.dockerfile = await vscode.workspace.openTextDocument(s.dockerfileUri);
      await vscode.window.showTextDocument(s.dockerfile);
      assert.strictEqual(s.dockerfile.languageId, 'dockerfile');
    },
  },
  {
    name: `extension ${EXTENSION_ID} is active`,
    needs: ['backend.dockerfile opens as languageId dockerfile'],
    async run() {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `extension ${EXTENSION_ID} not found; installed: ` +
        vscode.extensions.all.filter((e) => !e.packageJSON.isBuiltin).map((e) => e.id).join(', '));
      // Opening the Dockerfile should activate it (onLanguage:dockerfile); give that 10 s, then activate().
      const byEvent = await poll(() => ext.isActive, 10000);
      if (!ext.isActive) await ext.activate();
      assert.ok(ext.isActive, 'extension did not activate');
      if (!byEvent) log('note: the extension was not activated by opening a Dockerfile; activated it explicitly');
      const expectedDir = process.env.DOCKLENS_E2E_EXTENSIONS_DIR;
      if (expectedDir) {
        // code-server run: the copy under test must be the one installed from the .vsix,
        // not a development copy of the repository.
        const rel = path.relative(path.resolve(expectedDir), ext.extensionPath);
        assert.ok(rel && !rel.startsWith('..') && !path.isAbsolute(rel),
          `extension runs from ${ext.extensionPath}, expected it under ${expectedDir}`);
        assert.notStrictEqual(path.resolve(ext.extensionPath), path.resolve(__dirname, '..', '..', '..'),
          'extension runs from the repository, not from the installed .vsix');
      }
      return `${ext.packageJSON.version} from ${ext.extensionPath}`;
    },
  },
  {
    name: 'copy-before-install warning on the COPY . . line',
    needs: [`extension ${EXTENSION_ID} is active`],
    async run(s) {
      const d = await poll(() => copyBeforeInstall(s), 30000);
      assert.ok(d, 'no docklens copy-before-install diagnostic after 30 s; diagnostics: ' +
        JSON.stringify(vscode.languages.getDiagnostics(s.dockerfileUri)));
      const copyLine = lineIndex(s.dockerfile, /^COPY \. \.\s*$/);
      assert.notStrictEqual(copyLine, -1, 'fixture has no `COPY . .` line');
      assert.strictEqual(d.range.start.line, copyLine, 'diagnostic starts on line ' + d.range.start.line);
      assert.strictEqual(d.range.end.line, copyLine, 'diagnostic ends on line ' + d.range.end.line);
      assert.strictEqual(d.severity, vscode.DiagnosticSeverity.Warning, 'severity ' + severityName(d.severity));
      return `line ${copyLine + 1}: ${d.message.slice(0, 60)}…`;
    },
  },
  {
    name: 'hover on the RUN pip install line mentions the build cache',
    needs: [`extension ${EXTENSION_ID} is active`],
    async run(s) {
      const runLine = lineIndex(s.dockerfile, /^RUN pip install/);
      assert.notStrictEqual(runLine, -1, 'fixture has no `RUN pip install` line');
      const text = await hoverUntil(s.dockerfileUri, new vscode.Position(runLine, 1), 'build cache');
      return JSON.stringify(text.split('\n')[0]);
    },
  },
  {
    name: 'docklens.rules.copy-before-install set to error, off, then removed: the diagnostic follows without a reload',
    needs: ['copy-before-install warning on the COPY . . line'],
    async run(s) {
      const severity = () => copyBeforeInstall(s) && copyBeforeInstall(s).severity;
      try {
        await setSetting('rules.copy-before-install', 'error');
        assert.ok(await poll(() => severity() === vscode.DiagnosticSeverity.Error, 15000),
          'severity after setting "error": ' + severityName(severity()));
        await setSetting('rules.copy-before-install', 'off');
        assert.ok(await poll(() => !copyBeforeInstall(s), 15000), 'still reported after setting "off"');
      } finally {
        await setSetting('rules.copy-before-install', undefined);
      }
      assert.ok(await poll(() => severity() === vscode.DiagnosticSeverity.Warning, 15000),
        'severity after removing the setting: ' + severityName(severity()));
      return 'warning → error → off → warning';
    },
  },
  {
    name: 'docklens.restartServer restarts the server: diagnostics are cleared, come back, hovers answer',
    needs: ['copy-before-install warning on the COPY . . line'],
    async run(s) {
      // vscode-languageclient drops the diagnostics of a stopped server; the new one publishes them again.
      let cleared = false;
      const sub = vscode.languages.onDidChangeDiagnostics((e) => {
        if (e.uris.some((u) => u.toString() === s.dockerfileUri.toString()) && !copyBeforeInstall(s)) cleared = true;
      });
      try {
        await vscode.commands.executeCommand('docklens.restartServer');
        assert.ok(await poll(() => cleared, 15000), 'the diagnostics were never cleared: did the server restart?');
        assert.ok(await poll(() => copyBeforeInstall(s), 30000), 'copy-before-install did not come back after the restart');
      } finally {
        sub.dispose();
      }
      const runLine = lineIndex(s.dockerfile, /^RUN pip install/);
      await hoverUntil(s.dockerfileUri, new vscode.Position(runLine, 1), 'build cache');
    },
  },
  {
    name: 'docker-compose.yml opens as languageId dockercompose',
    needs: [`extension ${EXTENSION_ID} is active`],
    async run(s) {
      s.compose = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(s.folder.uri, 'docker-compose.yml'));
      await vscode.window.showTextDocument(s.compose);
      assert.strictEqual(s.compose.languageId, 'dockercompose');
    },
  },
  {
    name: 'inlay hints after the port mappings and the healthcheck (vscode.executeInlayHintProvider)',
    needs: ['docker-compose.yml opens as languageId dockercompose'],
    async run(s) {
      const want = [...PORT_HINTS, ...HEALTHCHECK_HINTS];
      let got = [];
      await poll(async () => {
        got = await inlayHints(s.compose);
        return want.every((w) => got.includes(w));
      }, 15000, 500);
      assert.deepStrictEqual(want.filter((w) => !got.includes(w)), [], 'inlay hints: ' + JSON.stringify(got));
      return `${got.length} hints`;
    },
  },
  {
    name: 'docklens.inlayHints.ports false removes the port hints and keeps the healthcheck hints, without a reload',
    needs: ['inlay hints after the port mappings and the healthcheck (vscode.executeInlayHintProvider)'],
    async run(s) {
      let got = [];
      const portHints = (hints) => hints.filter((h) => h.includes('→ container'));
      try {
        await setSetting('inlayHints.ports', false);
        await poll(async () => portHints(got = await inlayHints(s.compose)).length === 0, 15000, 500);
        assert.deepStrictEqual(portHints(got), [], 'port hints still there');
        assert.ok(HEALTHCHECK_HINTS.every((h) => got.includes(h)), 'healthcheck hints gone too: ' + JSON.stringify(got));
      } finally {
        await setSetting('inlayHints.ports', undefined);
      }
      await poll(async () => {
        got = await inlayHints(s.compose);
        return PORT_HINTS.every((h) => got.includes(h));
      }, 15000, 500);
      assert.deepStrictEqual(PORT_HINTS.filter((h) => !got.includes(h)), [], 'port hints not back: ' + JSON.stringify(got));
    },
  },
  {
    name: 'document links from the compose file to the Dockerfiles it builds (vscode.executeLinkProvider)',
    needs: ['docker-compose.yml opens as languageId dockercompose'],
    async run(s) {
      const links = (await vscode.commands.executeCommand('vscode.executeLinkProvider', s.compose.uri)) || [];
      const got = links.map((l) => `line ${l.range.start.line + 1} \`${s.compose.getText(l.range)}\` → ` +
        (l.target ? path.relative(s.folder.uri.fsPath, l.target.fsPath) : 'no target')).sort();
      assert.deepStrictEqual(got, [
        'line 26 `./frontend` → frontend/Dockerfile',
        'line 7 `backend.dockerfile` → backend/backend.dockerfile',
      ]);
      return got.join('; ');
    },
  },
  {
    name: 'docklens.hover.detail concise shortens the healthcheck hover to its summary, without a reload',
    needs: ['docker-compose.yml opens as languageId dockercompose'],
    async run(s) {
      const at = new vscode.Position(39, 6); // `healthcheck:` of postgres (line 40)
      const summary = 'Healthy ≈ 5s after the start at the earliest; unhealthy after ≈ 30s (probe failing) to ≈ 1m (probe hanging).';
      const detailed = await hoverUntil(s.compose.uri, at, 'Healthcheck');
      let concise = '';
      try {
        await setSetting('hover.detail', 'concise');
        concise = await hoverUntil(s.compose.uri, at, summary);
      } finally {
        await setSetting('hover.detail', undefined);
      }
      assert.ok(concise.length < detailed.length / 2, `concise hover (${concise.length} chars) not shorter than half the detailed one (${detailed.length})`);
      // Removing the setting brings the detailed hover back.
      const back = await poll(async () => hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', s.compose.uri, at)) === detailed, 15000, 500);
      assert.ok(back, 'the detailed hover did not come back after removing the setting');
      return `${detailed.length} → ${concise.length} characters`;
    },
  },
  {
    name: 'the code lens above services: runs docklens.showStackOverview, which opens "Stack overview: docker-compose.yml"',
    needs: ['docker-compose.yml opens as languageId dockercompose'],
    async run(s) {
      const lenses = await poll(async () => {
        const all = (await vscode.commands.executeCommand('vscode.executeCodeLensProvider', s.compose.uri, 10)) || [];
        const ours = all.filter((l) => l.command && l.command.command === 'docklens.showStackOverview');
        return ours.length ? ours : null;
      }, 15000, 500);
      assert.ok(lenses && lenses.length === 1, 'code lenses: ' + JSON.stringify(lenses));
      assert.strictEqual(lenses[0].range.start.line, 2, 'the lens sits on `services:` (line 3)');
      await vscode.commands.executeCommand(lenses[0].command.command, ...(lenses[0].command.arguments || []));
      const title = 'Stack overview: docker-compose.yml';
      const tab = await poll(async () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === title), 15000, 250);
      assert.ok(tab, 'tabs: ' + JSON.stringify(vscode.window.tabGroups.all.flatMap((g) => g.tabs).map((t) => t.label)));
      await vscode.window.tabGroups.close(tab);
      await vscode.window.showTextDocument(s.compose);
      return title;
    },
  },
  {
    name: 'a docklens quickfix with an edit is offered',
    needs: ['copy-before-install warning on the COPY . . line'],
    async run(s) {
      const d = await poll(() => copyBeforeInstall(s), 15000);
      assert.ok(d, 'the copy-before-install warning is gone');
      const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', s.dockerfileUri, d.range)) || [];
      // vscode.executeCodeActionProvider returns title, kind, edit, command and isPreferred, but not the
      // action's `diagnostics`; docklens is the only code-action provider for Dockerfiles in these hosts
      // (code-server with only the .vsix installed; test-electron with --disable-extensions).
      const fixes = actions.filter((a) => a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind) && a.edit &&
        a.edit.has(s.dockerfileUri));
      assert.ok(fixes.length, 'code actions: ' + JSON.stringify(actions.map((a) =>
        ({ title: a.title, kind: a.kind && a.kind.value, edit: !!a.edit, isPreferred: a.isPreferred }))));
      s.action = fixes.find((a) => a.isPreferred) || fixes[0];
      return JSON.stringify(s.action.title);
    },
  },
  {
    name: 'applying the quickfix gives the golden text (requirements.txt copied first, COPY . . after the install)',
    needs: ['a docklens quickfix with an edit is offered'],
    async run(s) {
      assert.strictEqual(await vscode.workspace.applyEdit(s.action.edit), true, 'applyEdit returned false');
      assert.strictEqual(s.dockerfile.getText(), fs.readFileSync(GOLDEN_FIXED, 'utf8'));
    },
  },
  {
    name: 'the copy-before-install warning goes away after the fix',
    needs: ['applying the quickfix gives the golden text (requirements.txt copied first, COPY . . after the install)'],
    async run(s) {
      const gone = await poll(() => !copyBeforeInstall(s), 30000);
      assert.ok(gone, 'still there after 30 s: ' + JSON.stringify(vscode.languages.getDiagnostics(s.dockerfileUri)));
    },
  },
  // Language-id detection for the other Dockerfile/Containerfile names (files created by the runner).
  ...['api.Dockerfile', 'Dockerfile.dev', 'Containerfile', 'build.containerfile'].map((name) => ({
    name: `${name} opens as languageId dockerfile`,
    async run(s) {
      const d = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(s.folder.uri, name));
      assert.strictEqual(d.languageId, 'dockerfile');
    },
  })),
];

exports.run = async function () {
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  assert.ok(folder, 'no workspace folder: open a scratch copy of examples/taskflow');
  log('workspace folder: ' + folder.uri.toString());
  const state = { folder, dockerfileUri: vscode.Uri.joinPath(folder.uri, 'backend', 'backend.dockerfile') };
  const results = new Map(); // check name -> ok
  for (const c of CHECKS) {
    const missing = (c.needs || []).filter((n) => !results.get(n));
    if (missing.length) {
      results.set(c.name, false);
      log(`not ok - ${c.name}: not run, needs ${missing.join(', ')}`);
      continue;
    }
    try {
      const detail = await c.run(state);
      results.set(c.name, true);
      log(`ok - ${c.name}${detail ? ' (' + detail + ')' : ''}`);
    } catch (e) {
      results.set(c.name, false);
      log(`not ok - ${c.name}: ${e && e.stack ? e.stack : e}`);
    }
  }
  const failed = [...results.values()].filter((ok) => !ok).length;
  log(`${results.size - failed} passed, ${failed} failed`);
  if (failed) throw new Error(`${failed} of ${results.size} docklens extension checks failed`);
};
