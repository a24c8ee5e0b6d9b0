#!/usr/bin/env node
// VS Code's own UI, used as a person uses it: code-server (VS Code 1.100 in the browser) with the installed
// docklens .vsix, driven in Debian's chromium by playwright-core (no browser download).
// Usage (test/e2e/run.sh does this; playwright-core comes from NODE_PATH):
//   node test/e2e/vscode/ui/run.js BASE_URL WORKSPACE_FOLDER ARTIFACTS_DIR
// WORKSPACE_FOLDER is a scratch copy of examples/taskflow that no other test has opened (the quick-fix
// edits it). Each file of steps/ is one step, run in file-name order against the same page; it exports
// { title, screenshot?, run(ui) } (see steps/README.md). After each step the page is saved as
// ARTIFACTS_DIR/NN-<screenshot or file name>.png, so a failure comes with a picture of it.
// Prints `ok - …` / `not ok - …` per step and ends with `N passed, M failed`. A failed step stops the
// run (later steps build on its state); the steps after it are counted as failed, not skipped silently.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');
const { Ui } = require('./ui');

const [base, folder, artifacts] = process.argv.slice(2);
const STEP_TIMEOUT_MS = 90000;

async function main() {
  if (!base || !folder || !artifacts) throw new Error('usage: run.js BASE_URL WORKSPACE_FOLDER ARTIFACTS_DIR');
  fs.mkdirSync(artifacts, { recursive: true });
  const stepsDir = path.join(__dirname, 'steps');
  const files = fs.readdirSync(stepsDir).filter((f) => /^\d+-.*\.js$/.test(f)).sort();
  // Playwright refuses --user-data-dir in args: a persistent context on a fresh folder instead.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'docklens-ui-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  let passed = 0, failed = 0;
  try {
    const page = context.pages()[0] || (await context.newPage());
    page.on('pageerror', (e) => console.log('[pageerror]', e.message.slice(0, 300)));
    const ui = new Ui(page, folder);
    await page.goto(`${base}/?folder=${encodeURIComponent(folder)}`);
    let stopped = false;
    for (const [i, file] of files.entries()) {
      const step = require(path.join(stepsDir, file));
      const name = step.title || file;
      if (stopped) {
        failed++;
        console.log(`not ok - ${name}: not run, an earlier step failed`);
        continue;
      }
      const t0 = Date.now();
      let detail, error;
      try {
        detail = await Promise.race([step.run(ui),
          new Promise((_, reject) => setTimeout(() => reject(new Error(`no result after ${STEP_TIMEOUT_MS / 1000} s`)), STEP_TIMEOUT_MS))]);
      } catch (e) {
        error = e;
      }
      const shot = path.join(artifacts, `${String(i + 1).padStart(2, '0')}-${step.screenshot || file.replace(/^\d+-|\.js$/g, '')}.png`);
      await page.screenshot({ path: shot }).catch((e) => console.log('[screenshot failed]', e.message));
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      if (error) {
        failed++;
        stopped = true;
        console.log(`not ok - ${name} (${secs} s, ${path.basename(shot)}): ${error.stack || error}`);
      } else {
        passed++;
        console.log(`ok - ${name} (${secs} s, ${path.basename(shot)})${detail ? ': ' + detail : ''}`);
      }
    }
  } finally {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  }
  if (passed + failed === 0) failed = 1; // no step ran at all
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0;
}

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (e) => {
    console.error(e);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
