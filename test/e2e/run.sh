#!/usr/bin/env bash
# docklens in real editors, headless: VS Code (code-server 4.100.3 = VS Code 1.100.3: extension-host
# tests, and its UI driven through Debian's chromium), Neovim 0.7 (built-in LSP client) and Emacs 28 +
# eglot (the README's snippet).
# Run from anywhere on a fresh Debian bookworm machine after `npm ci`:  bash test/e2e/run.sh
# Artefacts for CI to keep: .e2e/artifacts/ (UI screenshots, a failure screenshot) and .e2e/logs/.
# Needs root (apt) and the npm registry; nothing from GitHub or VS Code's servers.
# All scratch state lives under .e2e/ (git-ignored): code-server, the browser driver, the scratch
# workspace, TMPDIR and every XDG directory. examples/ is only ever copied, never modified.
# Ends with one line `N passed, M failed`; exits non-zero if anything failed.
set -euo pipefail
UPDATE_SCREENSHOTS=0
for arg in "$@"; do
  case $arg in
    --update-screenshots) UPDATE_SCREENSHOTS=1 ;;   # copy the UI screenshots the README shows to docs/images/
    *) echo "usage: bash test/e2e/run.sh [--update-screenshots]" >&2; exit 2 ;;
  esac
done
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
W=$ROOT/.e2e
mkdir -p "$W/tmp" "$W/logs" "$W/artifacts"
export TMPDIR=$W/tmp
export XDG_CONFIG_HOME=$W/xdg/config XDG_DATA_HOME=$W/xdg/data XDG_CACHE_HOME=$W/xdg/cache XDG_STATE_HOME=$W/xdg/state
T0=$SECONDS
exec 3>&2   # timings go to the original stderr even when a step's own output is redirected to a log
# t CMD...: runs CMD, prints how long it took to stderr, keeps its exit status.
t() { local s=$SECONDS rc=0; "$@" || rc=$?; echo "::time $((SECONDS - s))s: $*" >&3; return $rc; }
cd "$ROOT"

# ---- 0. Debian packages (skipped when already present) ---------------------------------------
# chromium drives code-server; libkrb5-dev (+ a C++ toolchain and python3) build code-server's
# native modules; ripgrep seeds @vscode/ripgrep; neovim and Emacs (eglot, with the dockerfile-mode and
# yaml-mode the README's snippet names) are editors under test.
need=()
command -v chromium >/dev/null || need+=(chromium)
command -v rg >/dev/null || need+=(ripgrep)
command -v nvim >/dev/null || need+=(neovim)
command -v emacs >/dev/null || need+=(emacs-nox)
for p in elpa-dockerfile-mode elpa-yaml-mode; do dpkg -s "$p" >/dev/null 2>&1 || need+=("$p"); done
# eglot is built into Emacs 29+; Debian bookworm's Emacs 28 needs the elpa-eglot package.
if ! dpkg -s elpa-eglot >/dev/null 2>&1 &&
  [ "$( (command -v emacs >/dev/null && emacs --batch --eval '(princ emacs-major-version)' 2>/dev/null) || echo 28)" -lt 29 ]; then
  need+=(elpa-eglot)
fi
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
command -v g++ >/dev/null || need+=(g++)
command -v make >/dev/null || need+=(make)
command -v python3 >/dev/null || need+=(python3)
if ((${#need[@]})); then
  echo "installing Debian packages: ${need[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  t apt-get update -qq
  t apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

# ---- 1. build and package the extension --------------------------------------------------------
VERSION=$(node -p "require('./package.json').version")
VSIX=$ROOT/docklens-$VERSION.vsix
t npm run --silent package >"$W/logs/package.log" 2>&1 || { cat "$W/logs/package.log" >&2; exit 1; }
[ -f "$VSIX" ] || { echo "npm run package did not produce $VSIX" >&2; exit 1; }
SERVER_JS=$ROOT/server/out/server.js   # the same (production) bundle that is inside the .vsix

# ---- 2. code-server 4.100.3 (last release that runs on Node 20), kept out of the project's deps --
CS=$W/cs/node_modules/.bin/code-server
if [ ! -x "$CS" ] || [ "$(node -p "require('$W/cs/node_modules/code-server/package.json').version" 2>/dev/null)" != 4.100.3 ]; then
  # @vscode/ripgrep's postinstall downloads rg from GitHub: pre-fill its cache with Debian's rg.
  mkdir -p "$W/rg" "$TMPDIR/vscode-ripgrep-cache-1.15.11"
  cp "$(command -v rg)" "$W/rg/rg"
  tar czf "$TMPDIR/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$W/rg" rg
  mkdir -p "$W/cs"
  [ -f "$W/cs/package.json" ] || echo '{"private":true}' >"$W/cs/package.json"
  # unsafe_perm: its postinstall refuses root otherwise; yes: node-pty's postinstall runs `npx node-gyp`.
  (cd "$W/cs" && t env npm_config_unsafe_perm=true npm_config_yes=true \
    npm install --no-audit --no-fund --no-save code-server@4.100.3 >"$W/logs/code-server-install.log" 2>&1) ||
    { tail -40 "$W/logs/code-server-install.log" >&2; exit 1; }
fi

# ---- 3. browser driver (playwright-core with Debian's chromium; no browser download) -----------
DRV=$W/driver
mkdir -p "$DRV"
if [ ! -f "$DRV/node_modules/playwright-core/package.json" ]; then
  echo '{"private":true,"dependencies":{"playwright-core":"1.65.1"}}' >"$DRV/package.json"
  (cd "$DRV" && t npm install --no-audit --no-fund >"$W/logs/driver-install.log" 2>&1) ||
    { cat "$W/logs/driver-install.log" >&2; exit 1; }
fi
# Opens code-server with the `payload` route (extensionDevelopmentPath + extensionTestsPath), so VS Code
# runs the test module in code-server's Node extension host; the exit code arrives via codeAutomationExit.
cat >"$DRV/ext-tests.js" <<'EOF'
// Usage: node ext-tests.js BASE_URL WORKSPACE_FOLDER EXTENSION_DEVELOPMENT_PATH EXTENSION_TESTS_PATH SCREENSHOT
const { chromium } = require('playwright-core');
const [base, folder, devPath, testsPath, screenshot] = process.argv.slice(2);
(async () => {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'] });
  const page = await browser.newPage();
  const authority = new URL(base).host;
  // The test module logs `EXT-TEST ok - NAME` / `EXT-TEST not ok - NAME: why`; the same line can
  // arrive through two channels (codeAutomationLog and the page console): print and count it once.
  const printed = new Set(), checks = new Map(); // check name -> ok
  const seen = (text) => {
    for (const m of String(text).matchAll(/EXT-TEST (.*)/g)) {
      const line = m[1].replace(/\s+$/, '');
      if (!printed.has(line)) { printed.add(line); console.log('EXT-TEST ' + line); }
      const r = /^(not ok|ok) - (.*?)(?:: |\s\(|$)/.exec(line);
      if (r) checks.set(r[2], r[1] === 'ok');
    }
  };
  let done;
  const exited = new Promise((r) => (done = r));
  await page.exposeFunction('codeAutomationExit', (code) => done(code));
  await page.exposeFunction('codeAutomationLog', (type, args) => seen((args || []).join(' ')));
  page.on('console', (m) => {
    const t = m.text();
    if (t.includes('EXT-TEST')) seen(t);
    // Errors are worth seeing, except the offline noise (extension gallery, update checks, 404 icons).
    else if (/\berror\b|fail/i.test(t) && !/ENOTFOUND|ERR_NAME_NOT_RESOLVED|Failed to load resource/.test(t)) {
      console.log('[console]', t.slice(0, 300));
    }
  });
  const payload = [['extensionDevelopmentPath', `vscode-remote://${authority}${devPath}`],
    ['extensionTestsPath', `vscode-remote://${authority}${testsPath}`]];
  await page.goto(`${base}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout after 180 s'), 180000))]);
  if (code !== 0) await page.screenshot({ path: screenshot }).catch(() => {});
  await browser.close();
  const results = [...checks.entries()].filter(([, ok]) => ok !== undefined);
  let passed = results.filter(([, ok]) => ok).length, failed = results.length - passed;
  console.log('extension tests exit code:', code);
  if (code !== 0 && failed === 0) failed = 1; // crashed or timed out before reporting a failed check
  if (code === 0 && passed === 0) failed = 1; // no check ran at all
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(code === 0 && failed === 0 ? 0 : 1);
})().catch((e) => { console.error(e); console.log('0 passed, 1 failed'); process.exit(1); });
EOF

# ---- 4. scratch workspace (tests edit files: never touch examples/) -----------------------------
EX=$ROOT/examples/taskflow
[ -f "$EX/backend/backend.dockerfile" ] || { echo "missing $EX/backend/backend.dockerfile" >&2; exit 1; }
WS=$W/ws/taskflow
rm -rf "$W/ws"; mkdir -p "$W/ws"; cp -r "$EX" "$WS"
# Extra files for language-id detection (backend.dockerfile from the example covers *.dockerfile).
for f in api.Dockerfile Dockerfile.dev Containerfile build.containerfile; do
  printf 'FROM alpine:3.20\n' >"$WS/$f"
done

# ---- 5. code-server: install the .vsix, start it -------------------------------------------------
D=$W/csdata
rm -rf "$D"; mkdir -p "$D/user/User" "$D/exts"
cat >"$D/user/User/settings.json" <<'EOF'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "files.autoSave": "off",
  "files.hotExit": "off",
  "git.openRepositoryInParentFolders": "never",
  "editor.hover.delay": 200
}
EOF
PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
printf 'bind-addr: 127.0.0.1:%s\nauth: none\ncert: false\n' "$PORT" >"$D/config.yaml"
CSARGS=(--config "$D/config.yaml" --user-data-dir "$D/user" --extensions-dir "$D/exts")
t "$CS" "${CSARGS[@]}" --install-extension "$VSIX" >"$W/logs/install-extension.log" 2>&1 ||
  { cat "$W/logs/install-extension.log" >&2; exit 1; }
# What is tested is the INSTALLED .vsix. The payload route insists on an extensionDevelopmentPath, so
# it names an empty stub extension (different id, no code); docklens.docklens then loads from the
# extensions dir, and the test asserts that its extensionPath is under DOCKLENS_E2E_EXTENSIONS_DIR
# (the extension host inherits code-server's environment).
STUB=$W/dev-stub
mkdir -p "$STUB"
echo '{"name":"e2e-host","publisher":"docklens-e2e","version":"0.0.0","engines":{"vscode":"*"}}' >"$STUB/package.json"
CS_PID=
# Ends code-server's whole process group (extension hosts, file watchers, the language server).
cleanup() {
  [ -n "$CS_PID" ] || return 0
  kill -TERM -- "-$CS_PID" 2>/dev/null || true
  for _ in $(seq 20); do kill -0 -- "-$CS_PID" 2>/dev/null || break; sleep 0.25; done
  kill -KILL -- "-$CS_PID" 2>/dev/null || true
  CS_PID=
}
trap cleanup EXIT
# setsid: own process group, so the extension host and the language server die with it.
DOCKLENS_E2E_EXTENSIONS_DIR=$D/exts setsid "$CS" "${CSARGS[@]}" --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override "$WS" >"$W/logs/code-server.log" 2>&1 &
CS_PID=$!
for _ in $(seq 120); do
  node -e "require('http').get('http://127.0.0.1:$PORT/healthz',r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))" && break
  kill -0 "$CS_PID" 2>/dev/null || { cat "$W/logs/code-server.log" >&2; exit 1; }
  sleep 0.5
done

# ---- 6. run the suites --------------------------------------------------------------------------
passed=0 failed=0
# Adds a suite's closing `N passed, M failed` line to the totals (1 failure if it printed none).
tally() {
  local log=$1 rc=$2 line p f
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -1 || true)
  if [ -n "$line" ]; then p=${line%% passed*}; f=${line#*, }; f=${f%% failed*}; else p=0 f=0; fi
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  passed=$((passed + p)) failed=$((failed + f))
}

echo "== VS Code (code-server $(node -p "require('$W/cs/node_modules/code-server/package.json').version"), installed $(basename "$VSIX"))"
rc=0
(cd "$DRV" && t node ext-tests.js "http://127.0.0.1:$PORT" "$WS" "$STUB" "$ROOT/test/e2e/vscode/index.js" \
  "$W/artifacts/vscode-extension-host-failure.png") 2>&1 | tee "$W/logs/vscode.log" || rc=$?
tally "$W/logs/vscode.log" "$rc"

echo "== VS Code UI (code-server in chromium, a person's moves; screenshots in .e2e/artifacts/ui/)"
# Its own copy of the example: the window above left its (unsaved, fixed) Dockerfile behind.
UIWS=$W/ui/taskflow
rm -rf "$W/ui" "$W/artifacts/ui"; mkdir -p "$W/ui" "$W/artifacts/ui"; cp -r "$EX" "$UIWS"
rc=0
t env NODE_PATH="$DRV/node_modules" node "$ROOT/test/e2e/vscode/ui/run.js" "http://127.0.0.1:$PORT" "$UIWS" \
  "$W/artifacts/ui" 2>&1 | tee "$W/logs/vscode-ui.log" || rc=$?
tally "$W/logs/vscode-ui.log" "$rc"
if [ "$UPDATE_SCREENSHOTS" = 1 ]; then
  # The README's pictures: the real UI of this run (bash test/e2e/run.sh --update-screenshots).
  for name in hover-ports hover-healthcheck problems quickfix stack-overview; do
    cp "$W/artifacts/ui/"[0-9][0-9]-"$name.png" "$ROOT/docs/images/$name.png"
  done
  echo "updated docs/images/{hover-ports,hover-healthcheck,problems,quickfix,stack-overview}.png" >&2
fi
cleanup; trap - EXIT

GOLDEN=$ROOT/test/e2e/golden/backend.dockerfile.fixed   # the quick-fixed Dockerfile, the same in every editor
echo "== Neovim ($(nvim --version | head -1))"
rm -rf "$WS"; cp -r "$EX" "$WS"   # fresh copy for this editor
rc=0
(cd "$WS" && t env DOCKLENS_SERVER_JS="$SERVER_JS" DOCKLENS_FIXED="$GOLDEN" \
  nvim --headless -n -i NONE -u "$ROOT/test/e2e/nvim/test.lua" "$WS/backend/backend.dockerfile") 2>&1 |
  tee "$W/logs/nvim.log" || rc=$?
tally "$W/logs/nvim.log" "$rc"

echo "== Emacs ($(emacs --version | head -1), eglot through the README's snippet)"
rm -rf "$WS"; cp -r "$EX" "$WS"
# The README's snippet runs `docklens-language-server` from PATH, as after `npm install -g docklens`.
mkdir -p "$W/bin"; ln -sf "$SERVER_JS" "$W/bin/docklens-language-server"; chmod +x "$SERVER_JS"
rc=0
(cd "$WS" && t env PATH="$W/bin:$PATH" HOME="$W/emacs-home" DOCKLENS_WS="$WS" DOCKLENS_FIXED="$GOLDEN" \
  emacs --batch -Q -l "$ROOT/test/e2e/emacs/test.el" 2>"$W/logs/emacs-messages.log") 2>&1 |
  tee "$W/logs/emacs.log" || rc=$?
tally "$W/logs/emacs.log" "$rc"

echo "::time $((SECONDS - T0))s: total" >&2
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
