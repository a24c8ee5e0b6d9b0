// `docklens overview FILE [--out PATH] [--format svg|html|json]`: the stack overview the VS Code webview
// shows, as a standalone SVG or HTML page (light colours, dark with the system's dark mode) or as JSON.
// The format follows --format, else the --out extension, else SVG. Output goes to --out or stdout.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceView } from '../core/workspace';
import { overviewHtml, renderOverviewSvg } from '../overview';
import { analyzeFile } from './analyzeFile';
import { forEachArg } from './args';
import { namedFileKind, UsageError } from './files';

type Format = 'svg' | 'html' | 'json';
const FORMATS: Format[] = ['svg', 'html', 'json'];

interface OverviewOptions {
  file?: string;
  out?: string;
  format?: Format;
}

function parseOverviewArgs(args: string[]): Required<Pick<OverviewOptions, 'file' | 'format'>> & OverviewOptions {
  const options: OverviewOptions = {};
  forEachArg(args, ({ name, arg, value }) => {
    if (name === '--format') {
      const v = value();
      if (!FORMATS.includes(v as Format)) throw new UsageError(`--format must be svg, html or json, not "${v}"`);
      options.format = v as Format;
    } else if (name === '--out' || name === '-o') options.out = value();
    else if (name.startsWith('-') && name !== '-') throw new UsageError(`unknown option ${name}`);
    else if (options.file !== undefined) throw new UsageError('overview takes exactly one compose file');
    else options.file = arg;
  });
  if (options.file === undefined) throw new UsageError('overview needs a compose file');
  const fromOut = options.out ? ({ '.svg': 'svg', '.html': 'html', '.htm': 'html', '.json': 'json' } as Record<string, Format>)[path.extname(options.out).toLowerCase()] : undefined;
  return { ...options, file: options.file, format: options.format ?? fromOut ?? 'svg' };
}

export function runOverview(args: string[], workspaceFor: (paths: string[]) => WorkspaceView): number {
  const options = parseOverviewArgs(args);
  const file = options.file;
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`cannot read ${file}: no such file`);
  if (namedFileKind(file) !== 'compose') throw new UsageError(`${file} is not a Docker Compose file (compose.yaml, docker-compose.yml, *.yaml …)`);
  const result = analyzeFile(file, 'compose', workspaceFor([file]), () => {});
  if (!result.ok) throw new UsageError(`${file}: ${result.reason}`);
  const overview = result.analysis.stackOverview();
  // Not analysed: file-too-large says why (its size, or nesting the YAML parser cannot take).
  if (!overview) throw new UsageError(`${file}: ${result.analysis.findings().find((f) => f.ruleId === 'file-too-large')?.message ?? 'not analysed'}`);
  const svg = renderOverviewSvg(overview);
  const text = options.format === 'json' ? JSON.stringify(overview, null, 2) + '\n' : options.format === 'html' ? overviewHtml(`Stack overview: ${overview.file}`, svg) : svg;
  if (!options.out) {
    process.stdout.write(text);
    return 0;
  }
  try {
    fs.writeFileSync(options.out, text);
  } catch (error) {
    throw new UsageError(`cannot write ${options.out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  process.stderr.write(`wrote ${options.out} (${overview.services.length} service${overview.services.length === 1 ? '' : 's'}, ${options.format})\n`);
  return 0;
}
