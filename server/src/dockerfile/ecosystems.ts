// Recognises the dependency steps of package managers in RUN commands (domain-facts §5.3).
// A *dependency* step installs from manifests only (`pip install -r requirements.txt`, `npm ci`,
// `go mod download`); a *source* step needs the sources and resolves dependencies on the way
// (`pip install .`, `go build`, `mvn package`). The rule treats them differently.
import type { SimpleCommand, Word } from './shell';

export type Family = 'python' | 'node' | 'go' | 'rust' | 'maven' | 'gradle' | 'ruby' | 'php' | 'dotnet' | 'elixir';

export type EcosystemId =
  | 'pip'
  | 'poetry'
  | 'uv'
  | 'pipenv'
  | 'npm'
  | 'yarn'
  | 'pnpm'
  | 'bun'
  | 'go'
  | 'cargo'
  | 'maven'
  | 'gradle'
  | 'bundler'
  | 'composer'
  | 'dotnet'
  | 'mix';

export interface Ecosystem {
  id: EcosystemId;
  family: Family;
  /** How the message names it. */
  label: string;
  /** Manifests the install reads when the command names none: required first. */
  manifests: { required: string[]; optional: string[] };
}

export const ECOSYSTEMS: Record<EcosystemId, Ecosystem> = {
  pip: { id: 'pip', family: 'python', label: 'Python (pip)', manifests: { required: [], optional: [] } },
  poetry: { id: 'poetry', family: 'python', label: 'Python (Poetry)', manifests: { required: ['pyproject.toml'], optional: ['poetry.lock', 'poetry.toml'] } },
  uv: { id: 'uv', family: 'python', label: 'Python (uv)', manifests: { required: ['pyproject.toml'], optional: ['uv.lock', '.python-version'] } },
  pipenv: { id: 'pipenv', family: 'python', label: 'Python (Pipenv)', manifests: { required: ['Pipfile'], optional: ['Pipfile.lock'] } },
  npm: { id: 'npm', family: 'node', label: 'Node.js (npm)', manifests: { required: ['package.json'], optional: ['package-lock.json', 'npm-shrinkwrap.json', '.npmrc'] } },
  yarn: { id: 'yarn', family: 'node', label: 'Node.js (Yarn)', manifests: { required: ['package.json'], optional: ['yarn.lock', '.yarnrc', '.yarnrc.yml', '.npmrc'] } },
  pnpm: { id: 'pnpm', family: 'node', label: 'Node.js (pnpm)', manifests: { required: ['package.json'], optional: ['pnpm-lock.yaml', '.npmrc'] } },
  bun: { id: 'bun', family: 'node', label: 'Bun', manifests: { required: ['package.json'], optional: ['bun.lock', 'bun.lockb', 'bunfig.toml', '.npmrc'] } },
  go: { id: 'go', family: 'go', label: 'Go module', manifests: { required: ['go.mod'], optional: ['go.sum'] } },
  cargo: { id: 'cargo', family: 'rust', label: 'Rust (Cargo)', manifests: { required: ['Cargo.toml'], optional: ['Cargo.lock'] } },
  maven: { id: 'maven', family: 'maven', label: 'Java (Maven)', manifests: { required: ['pom.xml'], optional: [] } },
  gradle: { id: 'gradle', family: 'gradle', label: 'Java (Gradle)', manifests: { required: [], optional: ['build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts', 'gradle.properties'] } },
  bundler: { id: 'bundler', family: 'ruby', label: 'Ruby (Bundler)', manifests: { required: ['Gemfile'], optional: ['Gemfile.lock'] } },
  composer: { id: 'composer', family: 'php', label: 'PHP (Composer)', manifests: { required: ['composer.json'], optional: ['composer.lock'] } },
  dotnet: { id: 'dotnet', family: 'dotnet', label: '.NET (NuGet)', manifests: { required: [], optional: ['NuGet.config', 'nuget.config', 'Directory.Build.props', 'Directory.Packages.props', 'global.json'] } },
  mix: { id: 'mix', family: 'elixir', label: 'Elixir (Mix)', manifests: { required: ['mix.exs'], optional: ['mix.lock'] } },
};

export interface DependencyStep {
  ecosystem: Ecosystem;
  /**
   * `dependency`: installs from manifests only; `source`: needs the sources and resolves dependencies too;
   * `tool`: another run of the ecosystem's tool (a custom task), which never fires but, run before the
   * sources are copied, counts as a dependency step.
   */
  kind: 'dependency' | 'source' | 'tool';
  /** Manifest files the command names itself (relative to its working directory). */
  namedManifests: string[];
  /** Short form of the command for messages (`pip install -r requirements.txt`). */
  display: string;
  /** The program as the user invokes it (`mvn`, `./mvnw`, `poetry`), for steps the fix writes. */
  launcher: string;
  /** Words of the command (wrappers such as `sudo`/`env` removed). */
  words: Word[];
  command: SimpleCommand;
  /** Whether a flag that is needed for a manifests-only install is already present. */
  flags: Set<string>;
}

const WRAPPERS = new Set(['sudo', 'time', 'exec', 'nice', 'nohup', 'command', 'builtin', 'eval']);

/** Drops environment assignments and wrapper programs in front of the real command. */
export function commandWords(cmd: SimpleCommand): Word[] {
  const w = cmd.words;
  let i = 0;
  while (i < w.length) {
    const v = w[i]!.value;
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) i++;
    else if (WRAPPERS.has(v)) {
      i++;
      // Wrapper options (`sudo -E`, `sudo -u app`, `nice -n 10`).
      while (i < w.length && w[i]!.value.startsWith('-')) i += ['-u', '-g', '-n', '-C'].includes(w[i]!.value) ? 2 : 1;
    }
    else if (v === 'env') {
      i++;
      while (i < w.length && (w[i]!.value.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(w[i]!.value))) i++;
    } else break;
  }
  return w.slice(i);
}

function program(word: Word | undefined): string {
  if (!word) return '';
  const base = word.value.replace(/^.*[\\/]/, '');
  return base.toLowerCase();
}

const display = (words: Word[], n: number) =>
  words
    .slice(0, n)
    .map((w) => w.value)
    .join(' ');

/** Positional (non-flag) arguments after index `from`, given the flags that take a value. */
function positionals(words: Word[], from: number, valueFlags: Set<string>): Word[] {
  const out: Word[] = [];
  for (let i = from; i < words.length; i++) {
    const v = words[i]!.value;
    if (v.startsWith('-')) {
      if (!v.includes('=') && valueFlags.has(v)) i++;
      continue;
    }
    out.push(words[i]!);
  }
  return out;
}

function flagSet(words: Word[]): Set<string> {
  return new Set(words.filter((w) => w.value.startsWith('-')).map((w) => w.value.split('=')[0]!));
}

const PIP_VALUE_FLAGS = new Set(['-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '-t', '--target', '--prefix', '--root', '--python', '-p', '--platform', '--python-version', '--implementation', '--abi', '--trusted-host', '--src', '--upgrade-strategy', '--progress-bar', '--cache-dir', '--log', '--timeout', '--retries', '--proxy', '--config-settings', '-C', '--global-option', '--no-binary', '--only-binary', '--exists-action', '--report']);

/** Reads a `pip install …` (also `python -m pip`, `uv pip`) starting at words[at] = 'install'|'sync'. */
function pipStep(cmd: SimpleCommand, words: Word[], at: number, launcher: string): DependencyStep | undefined {
  const sub = words[at]?.value;
  const args = words.slice(at + 1);
  const named: string[] = [];
  let project = false;
  for (let i = 0; i < args.length; i++) {
    const v = args[i]!.value;
    const next = args[i + 1]?.value;
    if ((v === '-r' || v === '--requirement' || v === '-c' || v === '--constraint') && next !== undefined) {
      named.push(next);
      i++;
    } else if (/^--(requirement|constraint)=/.test(v)) named.push(v.slice(v.indexOf('=') + 1));
    else if (/^-[rc]./.test(v)) named.push(v.slice(2));
    else if ((v === '-e' || v === '--editable') && next !== undefined) {
      if (isLocalPath(next)) project = true;
      i++;
    } else if (v.startsWith('--editable=')) project = project || isLocalPath(v.slice(11));
  }
  const pos = positionals(args, 0, PIP_VALUE_FLAGS).map((w) => w.value);
  if (sub === 'sync') named.push(...pos);
  else if (pos.some(isLocalPath)) project = true;
  if (named.length === 0 && !project) return undefined; // `pip install flask`: nothing from the context
  return {
    ecosystem: ECOSYSTEMS.pip,
    kind: project && named.length === 0 ? 'source' : 'dependency',
    namedManifests: named,
    display: `${launcher} ${sub}${named.length ? ` -r ${named[0]}` : ' .'}`,
    launcher,
    words,
    command: cmd,
    flags: flagSet(args),
  };
}

/** `.`, `./x`, `../x`, `/abs`, `.[extra]`, `file:…`: an install of local sources, not from an index. */
function isLocalPath(v: string): boolean {
  return /^(\.{1,2}(\/|\[|$)|\/|file:)/.test(v);
}

/** Recognises a dependency or source step of any known ecosystem in one simple command. */
export function recogniseStep(cmd: SimpleCommand): DependencyStep | undefined {
  const words = commandWords(cmd);
  const prog = program(words[0]);
  const arg = (i: number) => words[i]?.value ?? '';
  const make = (id: EcosystemId, kind: DependencyStep['kind'], n: number, extra: Partial<DependencyStep> = {}): DependencyStep => ({
    ecosystem: ECOSYSTEMS[id],
    kind,
    namedManifests: [],
    display: display(words, n),
    launcher: words[0]!.value,
    words,
    command: cmd,
    flags: flagSet(words.slice(1)),
    ...extra,
  });

  // pip, pip3, pip3.12, python -m pip, python3 -m pip, uv pip
  if (/^pip(\d+(\.\d+)*)?$/.test(prog) && (arg(1) === 'install')) return pipStep(cmd, words, 1, words[0]!.value);
  if (/^python(\d+(\.\d+)*)?$/.test(prog) && arg(1) === '-m' && arg(2) === 'pip' && arg(3) === 'install') return pipStep(cmd, words, 3, `${words[0]!.value} -m pip`);
  if (prog === 'uv' && arg(1) === 'pip' && (arg(2) === 'install' || arg(2) === 'sync')) return pipStep(cmd, words, 2, 'uv pip');
  if (prog === 'poetry' && arg(1) === 'install') {
    const f = flagSet(words.slice(2));
    // Without --no-root Poetry also installs the project itself, which needs its sources.
    return make('poetry', f.has('--no-root') ? 'dependency' : 'source', 2);
  }
  if (prog === 'uv' && arg(1) === 'sync') {
    const f = flagSet(words.slice(2));
    return make('uv', f.has('--no-install-project') || f.has('--no-install-workspace') ? 'dependency' : 'source', 2);
  }
  if (prog === 'pipenv' && (arg(1) === 'sync' || (arg(1) === 'install' && positionals(words, 2, new Set(['--python', '--pypi-mirror', '-r', '--requirements'])).length === 0))) return make('pipenv', 'dependency', 2);

  // JavaScript package managers: an install with no package names reads package.json and the lockfile.
  const noPackages = (from: number) => positionals(words, from, new Set(['--prefix', '-C', '--dir', '--filter', '--registry', '--cache', '--network-timeout', '--mutex', '--modules-folder', '--cache-folder', '-w', '--workspace', '--omit', '--include', '--only', '--production'])).length === 0;
  const global = flagSet(words).has('-g') || flagSet(words).has('--global');
  if (prog === 'npm' && !global && (arg(1) === 'ci' || arg(1) === 'clean-install' || (['install', 'i', 'isntall'].includes(arg(1)) && noPackages(2)))) return make('npm', 'dependency', 2);
  if (prog === 'yarn' && (words.length === 1 || arg(1) === 'install' || (arg(1).startsWith('-') && noPackages(1)))) {
    if (arg(1) === 'install' && !noPackages(2)) return undefined;
    return make('yarn', 'dependency', arg(1) === 'install' ? 2 : 1);
  }
  if (prog === 'pnpm' && ((arg(1) === 'install' || arg(1) === 'i') && noPackages(2) || arg(1) === 'fetch')) return make('pnpm', 'dependency', 2);
  if (prog === 'bun' && (arg(1) === 'install' || arg(1) === 'i') && noPackages(2)) return make('bun', 'dependency', 2);

  if (prog === 'go') {
    if (arg(1) === 'mod' && arg(2) === 'download') return make('go', 'dependency', 3);
    // With vendored modules (`-mod=vendor`) a build downloads nothing.
    if (words.some((w) => w.value === '-mod=vendor')) return make('go', 'tool', 2);
    if (['build', 'test', 'vet', 'run', 'generate'].includes(arg(1))) return make('go', 'source', 2);
    if (arg(1) === 'install' && !words.slice(2).some((w) => w.value.includes('@'))) return make('go', 'source', 2);
    if (arg(1) === 'mod' || arg(1) === 'list' || arg(1) === 'get') return make('go', 'tool', 3);
    return undefined;
  }
  if (prog === 'cargo') {
    if (arg(1) === 'chef' && arg(2) === 'cook') return make('cargo', 'dependency', 3);
    if (arg(1) === 'fetch') return make('cargo', 'dependency', 2);
    if (['build', 'test', 'run', 'check'].includes(arg(1)) || (arg(1) === 'install' && flagSet(words).has('--path'))) return make('cargo', 'source', 2);
    return make('cargo', 'tool', 2);
  }
  if (prog === 'mvn' || prog === 'mvnw' || prog === 'mvnw.cmd') {
    const goals = words.slice(1).map((w) => w.value).filter((v) => !v.startsWith('-'));
    if (goals.some((g) => /(^|:)(go-offline|resolve|resolve-plugins|resolve-dependencies)$/.test(g))) return make('maven', 'dependency', 1 + Math.min(goals.length, 2));
    if (goals.some((g) => ['package', 'install', 'verify', 'compile', 'test', 'deploy'].includes(g) || /^spring-boot:/.test(g))) return make('maven', 'source', words.length);
    return goals.length > 0 ? make('maven', 'tool', words.length) : undefined;
  }
  if (prog === 'gradle' || prog === 'gradlew') {
    const tasks = words.slice(1).map((w) => w.value).filter((v) => !v.startsWith('-'));
    if (tasks.includes('dependencies') || flagSet(words).has('--refresh-dependencies') && tasks.length === 0) return make('gradle', 'dependency', words.length);
    if (tasks.some((t) => /^(build|assemble|bootJar|jar|shadowJar|installDist|distTar|distZip|test|war|bootWar|quarkusBuild|nativeCompile)$/.test(t.replace(/^:.*:/, '')))) return make('gradle', 'source', words.length);
    return tasks.length > 0 ? make('gradle', 'tool', words.length) : undefined;
  }
  if (prog === 'bundle' && (words.length === 1 || arg(1) === 'install' || (arg(1).startsWith('-') && arg(1) !== '--version'))) return make('bundler', 'dependency', arg(1) === 'install' ? 2 : 1);
  if (prog === 'composer' || prog === 'composer.phar' || (prog.startsWith('php') && /composer(\.phar)?$/.test(arg(1)))) {
    const at = prog.startsWith('php') && !prog.startsWith('composer') ? 2 : 1;
    if (arg(at) === 'install' || arg(at) === 'update' && positionals(words, at + 1, new Set()).length === 0) {
      return { ...make('composer', 'dependency', at + 1), launcher: display(words, at) };
    }
    return undefined;
  }
  if (prog === 'dotnet') {
    if (arg(1) === 'restore') return make('dotnet', 'dependency', 2);
    if (['publish', 'build', 'test', 'pack', 'run'].includes(arg(1)) && !flagSet(words).has('--no-restore')) return make('dotnet', 'source', 2);
    return undefined;
  }
  if (prog === 'mix') {
    const tasks = arg(1) === 'do' ? words.slice(2).map((w) => w.value.replace(/,$/, '')).filter((v) => v !== '+' && v !== ',') : [arg(1)];
    if (tasks.includes('deps.get')) return make('mix', 'dependency', arg(1) === 'do' ? words.length : 2);
    return undefined;
  }
  return undefined;
}
