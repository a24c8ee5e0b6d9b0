#!/usr/bin/env node
// Bundles the extension client, the language server and the CLI with esbuild.
// `--tests` also bundles every test/**/*.test.ts into test-out/ for `node --test`.
// Type checking is separate (`npm run typecheck`): esbuild only strips types.
import { build } from 'esbuild';
import { readdirSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const withTests = process.argv.includes('--tests');
const generate = process.argv.includes('--generate');
// `--out-root DIR`: write the bundles under DIR instead of the repository (the activation bench measures
// the production client this way, from this very configuration, not from a copy of it).
const outRootAt = process.argv.indexOf('--out-root');
const outRoot = outRootAt >= 0 ? process.argv[outRootAt + 1] : '.';
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  // dockerfile-ast / vscode-languageserver-types ship UMD builds; prefer their CommonJS entry.
  mainFields: ['main', 'module'],
  // …and ignore their `exports` import conditions, whose ESM builds dockerfile-ast reads through
  // generated getters (6-7 % of the parse in the benchmark's profile).
  conditions: [],
};
const shebang = { js: '#!/usr/bin/env node' };

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: join(outRoot, 'client/out/extension.js'), external: ['vscode', './languageServer.js'] }),
  // The language client, loaded by extension.js only once the server is needed (activation on `yaml` stays cheap).
  build({ ...common, entryPoints: ['client/src/languageServer.ts'], outfile: join(outRoot, 'client/out/languageServer.js'), external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: join(outRoot, 'server/out/server.js'), banner: shebang }),
  build({ ...common, entryPoints: ['server/src/cli.ts'], outfile: join(outRoot, 'server/out/cli.js'), banner: shebang }),
]);

if (withTests) {
  rmSync('test-out', { recursive: true, force: true });
  const entryPoints = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (name === 'fixtures' || name === 'e2e') continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith('.test.ts')) entryPoints.push(p);
    }
  };
  walk('test');
  await build({ ...common, sourcemap: 'inline', entryPoints, outdir: 'test-out', outbase: 'test' });
}

if (generate) {
  // Bundle the generator to a temporary file and run it (it reads the TypeScript registry).
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const out = join(mkdtempSync(join(tmpdir(), 'docklens-gen-')), 'generate.cjs');
  await build({ ...common, sourcemap: false, entryPoints: ['scripts/generate.ts'], outfile: out });
  const { createRequire } = await import('node:module');
  createRequire(import.meta.url)(out);
}
