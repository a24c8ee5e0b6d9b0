// VS Code extension-host test for docklens (the module named by extensionTestsPath).
// Plain CommonJS, no mocha: VS Code calls run(); a rejected promise becomes a non-zero exit code.
// Runs unchanged in two hosts:
//   - code-server's Node extension host, opened with the `payload` URL route (test/e2e/run.sh);
//     there the extension under test is the INSTALLED .vsix, and run.sh passes
//     DOCKLENS_E2E_EXTENSIONS_DIR so we can check that the activated copy really lives there;
//   - desktop VS Code through @vscode/test-electron (test/e2e/vscode/electron.js, `npm run test:vscode`),
//     where the extension under test is the repository itself (extensionDevelopmentPath).
// The workspace folder must be a scratch copy of examples/taskflow (this test edits files in it).
// Every check logs one line `EXT-TEST ok - NAME` or `EXT-TEST not ok - NAME: why`; the driver counts them.
const vscode = require('vscode');
const assert = require('assert');
const path = require('path');

const EXTENSION_ID = 'docklens.docklens';
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

exports.run = async function () {
  const results = [];
  /** Runs one named check; a failed prerequisite (needs) marks it failed without running it. */
  async function check(name, fn, needs = []) {
    const missing = needs.filter((n) => !results.some((r) => r.name === n && r.ok));
    if (missing.length) {
      results.push({ name, ok: false });
      log(`not ok - ${name}: skipped, needs ${missing.join(', ')}`);
      return;
    }
    try {
      const detail = await fn();
      results.push({ name, ok: true });
      log(`ok - ${name}${detail ? ' (' + detail + ')' : ''}`);
    } catch (e) {
      results.push({ name, ok: false });
      log(`not ok - ${name}: ${e && e.stack ? e.stack : e}`);
    }
  }

  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  assert.ok(folder, 'no workspace folder: open a scratch copy of examples/taskflow');
  log('workspace folder: ' + folder.uri.toString());
  const uri = vscode.Uri.joinPath(folder.uri, 'backend', 'backend.dockerfile');
  let doc, diagnostic, action;

  await check('backend.dockerfile opens as languageId dockerfile', async () => {
    doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    assert.strictEqual(doc.languageId, 'dockerfile');
  });

  await check(`extension ${EXTENSION_ID} is active`, async () => {
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
  }, ['backend.dockerfile opens as languageId dockerfile']);

  await check('copy-before-install warning on the COPY . . line', async () => {
    diagnostic = await poll(() => vscode.languages.getDiagnostics(uri).find(isCopyBeforeInstall), 30000);
    assert.ok(diagnostic, 'no docklens copy-before-install diagnostic after 30 s; diagnostics: ' +
      JSON.stringify(vscode.languages.getDiagnostics(uri)));
    const copyLine = lineIndex(doc, /^COPY \. \.\s*$/);
    assert.notStrictEqual(copyLine, -1, 'fixture has no `COPY . .` line');
    assert.strictEqual(diagnostic.range.start.line, copyLine, 'diagnostic starts on line ' + diagnostic.range.start.line);
    assert.strictEqual(diagnostic.range.end.line, copyLine, 'diagnostic ends on line ' + diagnostic.range.end.line);
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Warning, 'severity ' + diagnostic.severity);
    return `line ${copyLine + 1}: ${diagnostic.message.slice(0, 60)}…`;
  }, [`extension ${EXTENSION_ID} is active`]);

  await check('hover on the RUN pip install line mentions the build cache', async () => {
    const runLine = lineIndex(doc, /^RUN pip install/);
    assert.notStrictEqual(runLine, -1, 'fixture has no `RUN pip install` line');
    const pos = new vscode.Position(runLine, 1);
    // The first hover can come back empty while the server is starting: retry, bounded.
    const text = await poll(async () => {
      const t = hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, pos));
      return t.includes('build cache') ? t : '';
    }, 15000, 500);
    assert.ok(text, 'hover text was: ' +
      JSON.stringify(hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', uri, pos))));
    return JSON.stringify(text.split('\n')[0]);
  }, [`extension ${EXTENSION_ID} is active`]);

  await check('a docklens quickfix with an edit is offered', async () => {
    const actions = (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, diagnostic.range)) || [];
    // vscode.executeCodeActionProvider returns title, kind, edit, command and isPreferred, but not the
    // action's `diagnostics`; docklens is the only code-action provider for Dockerfiles in these hosts
    // (code-server with only the .vsix installed; test-electron with --disable-extensions).
    const fixes = actions.filter((a) => a.kind && vscode.CodeActionKind.QuickFix.contains(a.kind) && a.edit &&
      a.edit.has(uri));
    assert.ok(fixes.length, 'code actions: ' + JSON.stringify(actions.map((a) =>
      ({ title: a.title, kind: a.kind && a.kind.value, edit: !!a.edit, isPreferred: a.isPreferred }))));
    action = fixes.find((a) => a.isPreferred) || fixes[0];
    return JSON.stringify(action.title);
  }, ['copy-before-install warning on the COPY . . line']);

  await check('applying the quickfix copies requirements.txt first and moves COPY . . after the install', async () => {
    assert.strictEqual(await vscode.workspace.applyEdit(action.edit), true, 'applyEdit returned false');
    const runLine = lineIndex(doc, /^RUN pip install/);
    assert.ok(runLine > 0, 'no RUN pip install line after the edit:\n' + doc.getText());
    assert.strictEqual(doc.lineAt(runLine - 1).text, 'COPY requirements.txt ./', 'text now:\n' + doc.getText());
    const copyAll = lineIndex(doc, /^COPY \. \.\s*$/);
    assert.ok(copyAll > runLine, '`COPY . .` is not after the RUN line; text now:\n' + doc.getText());
  }, ['a docklens quickfix with an edit is offered']);

  await check('the copy-before-install warning goes away after the fix', async () => {
    const gone = await poll(() => !vscode.languages.getDiagnostics(uri).some(isCopyBeforeInstall), 30000);
    assert.ok(gone, 'still there after 30 s: ' + JSON.stringify(vscode.languages.getDiagnostics(uri)));
  }, ['applying the quickfix copies requirements.txt first and moves COPY . . after the install']);

  // Language-id detection for the other Dockerfile/Containerfile names (files created by the runner).
  for (const name of ['api.Dockerfile', 'Dockerfile.dev', 'Containerfile', 'build.containerfile']) {
    await check(`${name} opens as languageId dockerfile`, async () => {
      const d = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, name));
      assert.strictEqual(d.languageId, 'dockerfile');
    });
  }
  await check('docker-compose.yml opens as languageId dockercompose', async () => {
    const d = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'docker-compose.yml'));
    assert.strictEqual(d.languageId, 'dockercompose');
  });

  const failed = results.filter((r) => !r.ok).length;
  log(`${results.length - failed} passed, ${failed} failed`);
  if (failed) throw new Error(`${failed} of ${results.length} docklens extension checks failed`);
};
