#!/usr/bin/env node
// `npm run test:vscode`: the extension-host test (test/e2e/vscode/index.js) in desktop VS Code through
// @vscode/test-electron, for machines that can download VS Code (or have one: set
// VSCODE_EXECUTABLE_PATH to its executable to skip the download). The repository is the extension
// under test (extensionDevelopmentPath); --disable-extensions keeps other installed extensions out.
// Where VS Code cannot be downloaded (as on the build machines, see docs in ../shared), this fails
// fast with a clear message; test/e2e/run.sh runs the same module through code-server instead.
// Scratch state (downloaded VS Code, the workspace copy, user data) goes under .e2e/.
'use strict';
const fs = require('fs');
const path = require('path');
const { runTests } = require('@vscode/test-electron');

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const scratch = path.join(repoRoot, '.e2e', 'electron');
const OVERALL_TIMEOUT_MS = 10 * 60 * 1000; // download + run; a hang must not block CI forever

async function main() {
  // Scratch copy of the example (the test applies a quick-fix to it); examples/ stays untouched.
  const example = path.join(repoRoot, 'examples', 'taskflow');
  if (!fs.existsSync(path.join(example, 'backend', 'backend.dockerfile'))) {
    throw new Error(`missing ${path.join(example, 'backend', 'backend.dockerfile')}`);
  }
  const ws = path.join(scratch, 'ws', 'taskflow');
  fs.rmSync(path.join(scratch, 'ws'), { recursive: true, force: true });
  fs.mkdirSync(path.dirname(ws), { recursive: true });
  fs.cpSync(example, ws, { recursive: true });
  for (const name of ['api.Dockerfile', 'Dockerfile.dev', 'Containerfile', 'build.containerfile']) {
    fs.writeFileSync(path.join(ws, name), 'FROM alpine:3.20\n');
  }
  const userData = path.join(scratch, 'user-data');
  fs.rmSync(userData, { recursive: true, force: true });

  const code = await runTests({
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: path.join(__dirname, 'index.js'),
    launchArgs: [ws, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes',
      `--user-data-dir=${userData}`],
    cachePath: path.join(repoRoot, '.e2e', 'vscode-test'), // not ./.vscode-test in the repository
    timeout: 15000, // per request: no data for 15 s = fail (the default, stated for clarity)
    ...(process.env.VSCODE_EXECUTABLE_PATH ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH } : {}),
  });
  return code;
}

const timer = setTimeout(() => {
  console.error(`test:vscode: no result after ${OVERALL_TIMEOUT_MS / 60000} min, giving up`);
  process.exit(1);
}, OVERALL_TIMEOUT_MS);
timer.unref();

main().then(
  (code) => {
    console.log(code === 0 ? 'test:vscode: passed' : `test:vscode: VS Code exited with ${code}`);
    process.exit(code === 0 ? 0 : 1);
  },
  (err) => {
    const msg = err && err.message ? err.message : String(err);
    console.error(`test:vscode: failed: ${msg}`);
    if (/timeout|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|getaddrinfo|network|download/i.test(msg)) {
      console.error('test:vscode: could not download VS Code (no access to update.code.visualstudio.com?).\n' +
        '  Set VSCODE_EXECUTABLE_PATH to a local VS Code executable, or run `npm run test:e2e`,\n' +
        '  which runs the same test module in code-server (test/e2e/run.sh).');
    }
    process.exit(1);
  },
);
