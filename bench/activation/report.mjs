// The activation part of BENCHMARKS.md: its row of the Targets table and its section, between markers so
// that `BENCH_ONLY=activation npm run bench` can replace them in place and leave every other section as the
// last full run wrote it.
const START = '<!-- activation:start -->';
const END = '<!-- activation:end -->';
const ROW_PREFIX = '| Extension activation';

const ms = (x) => (x == null ? '–' : `${x.toFixed(1)} ms`);
const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;

/** The Targets row: VS Code's "Activation" figure (module load + activate() call) of the shipped bundle, p95. */
export function activationTarget(a) {
  const s = a.bundles.shipped.activationWithClient;
  return {
    id: 'activation',
    what: `Extension activation on a Dockerfile or compose file (VS Code's figure: loading \`client/out/extension.js\` + the activate() call, which loads the language client bundle), shipped bundle, p95 of ${s.n} fresh processes`,
    value: s.p95,
    text: `${ms(s.p95)} (p50 ${ms(s.p50)}, max ${ms(s.max)})`,
    goal: `< ${a.budgetMs} ms (issue #6)`,
    result: a.verdict,
  };
}

export function activationSection(a, machine) {
  const rows = [];
  for (const b of Object.values(a.bundles)) {
    rows.push(`| ${b.label}, ${kib(b.bytes)} | load (\`codeLoadingTime\`) | ${ms(b.load.p50)} | ${ms(b.load.p95)} | ${ms(b.load.max)} |`);
    rows.push(`|  | activate() call (\`activateCallTime\`) | ${ms(b.call.p50)} | ${ms(b.call.p95)} | ${ms(b.call.max)} |`);
    rows.push(`|  | activation on a YAML file = load + call | ${ms(b.activation.p50)} | ${ms(b.activation.p95)} | ${ms(b.activation.max)} |`);
    rows.push(`|  | language client bundle load (\`client/out/languageServer.js\`) | ${ms(b.clientLoad.p50)} | ${ms(b.clientLoad.p95)} | ${ms(b.clientLoad.max)} |`);
    rows.push(`|  | **activation on a Dockerfile or compose file** = load + call + client load | **${ms(b.activationWithClient.p50)}** | **${ms(b.activationWithClient.p95)}** | ${ms(b.activationWithClient.max)} |`);
  }
  const t = activationTarget(a);
  return [
    START,
    '## Extension activation',
    '',
    `\`node bench/activation-bench.mjs --runs ${a.config.runs} --warmup ${a.config.warmup}\` on ${a.date} (Node ${a.node}; ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, load average ${machine.loadavg.join(', ')}). \`BENCH_ONLY=activation npm run bench\` reruns this section alone and rewrites only it and its row of the Targets table.`,
    '',
    "What is measured: each sample is a fresh Node process (`bench/activation/sample.cjs`) that loads the client bundle and calls its `activate()`, timing what VS Code's extension host times for every extension: loading the main module (`codeLoadingTime`) and the `activate()` call until it returns (`activateCallTime`). Their sum is the \"Activation\" figure of VS Code's Running Extensions view and the one held to the budget. The files are in the OS cache (warm-up samples first); the JavaScript is loaded cold, as in a new extension host.",
    '',
    "What is not: VS Code itself. The `vscode` module is a minimal fake (`bench/activation/fake-vscode.cjs`: plain objects for the workspace, configuration and output channel, inert stand-ins for every registration), so the figures are docklens' own JavaScript: the bundled vscode-languageclient and the client code, not the editor's work behind the API calls. Starting the language server is not measured here: the fake cannot host vscode-languageclient (and VS Code does not wait for it: the extension is active once `activate()` has returned). The real-editor tests start it in code-server.",
    '',
    '| bundle | phase | p50 | p95 | max |',
    '| --- | --- | ---: | ---: | ---: |',
    ...rows,
    '',
    `Budget: activation < ${a.budgetMs} ms at p95 for the shipped bundle: ${t.text}, **${t.result}**.`,
    '',
    END,
  ].join('\n');
}

/** Replaces (or adds) the activation row and section of an existing BENCHMARKS.md. */
export function spliceActivation(md, a, machine) {
  const t = activationTarget(a);
  const row = `| ${t.what} | ${t.text} | ${t.goal} | **${t.result}** |`;
  const lines = md.split('\n');
  const at = lines.findIndex((l) => l.startsWith(ROW_PREFIX));
  if (at >= 0) lines[at] = row;
  else {
    // After the last row of the Targets table.
    const head = lines.indexOf('## Targets');
    if (head < 0) throw new Error('BENCHMARKS.md has no "## Targets" section');
    let i = head + 1;
    while (i < lines.length && !lines[i].startsWith('|')) i++;
    while (i < lines.length && lines[i].startsWith('|')) i++;
    lines.splice(i, 0, row);
  }
  const text = lines.join('\n');
  const section = activationSection(a, machine);
  const s = text.indexOf(START);
  const e = text.indexOf(END);
  if (s >= 0 && e > s) return text.slice(0, s) + section + text.slice(e + END.length);
  const howTo = text.indexOf('## How to run');
  if (howTo < 0) return `${text.trimEnd()}\n\n${section}\n`;
  return `${text.slice(0, howTo)}${section}\n\n${text.slice(howTo)}`;
}
