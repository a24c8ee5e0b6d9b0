// `docklens` command line: the language server's analysis for CI and terminals.
//   docklens check [--format text|json|sarif] [--fail-on error|warning|info|never] [--fix] PATH...
//   docklens explain FILE:LINE:COL
//   docklens overview FILE [--out PATH] [--format svg|html|json]
// Exit codes: 0 nothing at/above --fail-on, 1 something is, 2 usage error or unreadable path.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyEdits, editsOverlap } from './core/text';
import { SEVERITY_ORDER, type Diagnosis, type Severity, type TextEdit } from './core/types';
import { FileSystemWorkspace } from './core/workspace';
import { kindFromFileName } from './core/documentKind';
import { analyzeFile } from './cli/analyzeFile';
import { forEachArg } from './cli/args';
import { collectTargets, UsageError, type Target } from './cli/files';
import { formatJson, formatSarif, formatText, type FileReport } from './cli/format';
import { runOverview } from './cli/overview';
import { VERSION } from './version';

const USAGE = `docklens ${VERSION}: explains Dockerfiles and Docker Compose files, and finds the mistakes that only show at build or run time.

Usage:
  docklens check [options] PATH...     analyse files and folders (recursively)
  docklens explain FILE:LINE:COL       print the explanation (hover) at a 1-based place
  docklens overview FILE [options]     picture a compose project: services, ports, volumes, depends_on, startup
  docklens --version | --help

check options:
  --format text|json|sarif   output format (default: text)
  --fail-on error|warning|info|never
                             exit 1 when a finding is at or above this severity (default: warning)
  --fix                      apply each finding's preferred quick-fix in place, then report what remains

overview options:
  --out PATH                 write to PATH instead of stdout (its extension .svg, .html or .json sets the format)
  --format svg|html|json     output format (default: from --out, else svg)
`;

type FailOn = Severity | 'never';

interface CheckOptions {
  format: 'text' | 'json' | 'sarif';
  failOn: FailOn;
  fix: boolean;
  paths: string[];
}

function parseCheckArgs(args: string[]): CheckOptions {
  const options: CheckOptions = { format: 'text', failOn: 'warning', fix: false, paths: [] };
  forEachArg(args, ({ name, arg, value, rest }) => {
    if (name === '--format') {
      const v = value();
      if (v !== 'text' && v !== 'json' && v !== 'sarif') throw new UsageError(`--format must be text, json or sarif, not "${v}"`);
      options.format = v;
    } else if (name === '--fail-on') {
      const v = value();
      const map: Record<string, FailOn> = { error: 'error', warning: 'warning', info: 'information', information: 'information', hint: 'hint', never: 'never' };
      if (!map[v]) throw new UsageError(`--fail-on must be error, warning, info or never, not "${v}"`);
      options.failOn = map[v]!;
    } else if (name === '--fix') options.fix = true;
    else if (name === '--') options.paths.push(...rest());
    else if (name.startsWith('-') && name !== '-') throw new UsageError(`unknown option ${name}`);
    else options.paths.push(arg);
  });
  if (options.paths.length === 0) throw new UsageError('check needs at least one file or folder');
  return options;
}

function workspaceFor(paths: string[]): FileSystemWorkspace {
  const roots = new Set<string>([process.cwd()]);
  for (const p of paths) {
    const abs = path.resolve(p);
    if (!abs.startsWith(process.cwd() + path.sep)) roots.add(fs.existsSync(abs) && fs.statSync(abs).isDirectory() ? abs : path.dirname(abs));
  }
  return new FileSystemWorkspace({ roots: [...roots] });
}

const warn = (message: string) => process.stderr.write(`docklens: ${message}\n`);

function runCheck(args: string[]): number {
  const options = parseCheckArgs(args);
  const targets = collectTargets(options.paths);
  const workspace = workspaceFor(options.paths);
  if (options.fix) fixTargets(targets, workspace);
  const reports: FileReport[] = [];
  for (const target of targets) {
    const result = analyzeFile(target.path, target.kind, workspace, () => {});
    if (!result.ok) {
      warn(`${target.path}: ${result.reason}`);
      continue;
    }
    reports.push({ file: target.path, diagnoses: result.analysis.diagnoses() });
  }
  const out = options.format === 'json' ? formatJson(reports) : options.format === 'sarif' ? formatSarif(reports, process.cwd()) : formatText(reports);
  process.stdout.write(out);
  const failing = (d: Diagnosis) => options.failOn !== 'never' && SEVERITY_ORDER[d.severity] >= SEVERITY_ORDER[options.failOn];
  return reports.some((r) => r.diagnoses.some(failing)) ? 1 : 0;
}

/** Applies each finding's preferred fix once; fixes that overlap an earlier one wait for the next run. */
function fixTargets(targets: Target[], workspace: FileSystemWorkspace): void {
  for (const target of targets) {
    const result = analyzeFile(target.path, target.kind, workspace, () => {});
    if (!result.ok) continue;
    const applied: TextEdit[][] = [];
    const titles: string[] = [];
    for (const d of result.analysis.diagnoses()) {
      const fix = d.fixes.find((f) => f.isPreferred) ?? d.fixes[0];
      if (!fix || applied.some((edits) => editsOverlap(edits, fix.edits, result.analysis.doc))) continue;
      applied.push(fix.edits);
      titles.push(`${target.path}:${d.range.start.line + 1}: ${d.ruleId}: ${fix.title}`);
    }
    if (applied.length === 0) continue;
    fs.writeFileSync(target.path, (result.bom ? '\uFEFF' : '') + applyEdits(result.analysis.doc, applied.flat()));
    workspace.invalidate();
    for (const t of titles) process.stderr.write(`fixed ${t}\n`);
  }
}

function runExplain(args: string[]): number {
  if (args.length !== 1) throw new UsageError('explain needs exactly one FILE:LINE:COL');
  const m = /^(.*):(\d+):(\d+)$/.exec(args[0]!);
  if (!m) throw new UsageError(`expected FILE:LINE:COL (1-based), got "${args[0]}"`);
  const [, file, line, col] = m;
  if (Number(line) < 1 || Number(col) < 1) throw new UsageError(`LINE and COL are 1-based, got "${args[0]}"`);
  if (!fs.existsSync(file!) || !fs.statSync(file!).isFile()) throw new UsageError(`cannot read ${file}: no such file`);
  const kind = kindFromFileName(path.basename(file!)) ?? (/\.ya?ml$/i.test(file!) ? 'compose' : 'dockerfile');
  const result = analyzeFile(file!, kind, workspaceFor([file!]), () => {});
  if (!result.ok) throw new UsageError(`${file}: ${result.reason}`);
  const hover = result.analysis.hover({ line: Number(line) - 1, character: Number(col) - 1 });
  if (hover) process.stdout.write(hover.markdown.endsWith('\n') ? hover.markdown : hover.markdown + '\n');
  return 0;
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === 'check') return runCheck(rest);
  if (command === 'explain') return runExplain(rest);
  if (command === 'overview') return runOverview(rest, workspaceFor);
  throw new UsageError(`unknown command "${command}"`);
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    warn(error.message);
    process.stderr.write('Run `docklens --help` for usage.\n');
  } else {
    warn(`internal error: ${error instanceof Error ? error.message : String(error)}`);
  }
  process.exitCode = 2;
}
