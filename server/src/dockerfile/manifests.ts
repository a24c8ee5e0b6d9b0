// Which manifest files an install step needs copied before it, read from the build context, and the
// ecosystem-specific reasons a plain "manifests first" reorder would break the build.
import * as path from 'node:path';
import type { ContextView } from './context';
import type { CopyInfo } from './copies';
import { isUnder } from './copies';
import type { DependencyStep } from './ecosystems';
import { flag, type DfInstruction, type DockerfileModel } from './model';

export interface ManifestFile {
  /** Context-relative path as the new COPY names it. */
  source: string;
  /** Absolute image path where the step reads it. */
  landing: string;
}

export type ManifestPlan =
  | { files: ManifestFile[]; folders?: ManifestFile[]; names: string[] }
  | { reason: string; names?: string[] };

interface StepSite {
  copy: CopyInfo;
  copyRoot: string;
  step: DependencyStep;
  run: DfInstruction;
  cwd?: string;
}

const posix = path.posix;
const MAX_NESTED_REQUIREMENTS = 20;

export function planManifests(_model: DockerfileModel, site: StepSite, view: ContextView): ManifestPlan {
  const { step, copy } = site;
  if (site.cwd === undefined || copy.dest === undefined) return { reason: 'the working directory depends on build variables.' };
  if (!isUnder(site.cwd, copy.dest) && !(step.ecosystem.id === 'pip' && step.namedManifests.length > 0)) {
    return { reason: `the install runs in \`${site.cwd}\`, outside the copied folder.` };
  }
  const ctxDir = isUnder(site.cwd, copy.dest) ? posix.join(site.copyRoot || '.', posix.relative(copy.dest, site.cwd)) : '.';
  const at = (name: string) => (ctxDir === '.' ? name : posix.join(ctxDir, name));
  const listing = view.files(ctxDir);
  const has = (name: string) => listing?.includes(name) ?? false;
  const readJson = (name: string): Record<string, unknown> | undefined => {
    try {
      const text = view.readText(at(name));
      return text === undefined ? undefined : (JSON.parse(text) as Record<string, unknown>);
    } catch {
      return undefined;
    }
  };
  const bindMounted = flag(site.run, 'mount') !== undefined && site.run.flags.some((f) => /type=bind/.test(f.value ?? '') && /source=|src=/.test(f.value ?? ''));
  const cwd = site.cwd;
  const dest = copy.dest;
  const found = (names: string[]) => names.map((n) => ({ source: at(n), landing: posix.join(cwd, n) }));
  const standard = (): ManifestPlan => {
    const m = step.ecosystem.manifests;
    if (!listing) return { reason: 'the build context cannot be read here, so the manifest files are unknown.' };
    const missing = m.required.find((r) => !has(r) || view.ignored(at(r)));
    if (missing) return { reason: `\`${at(missing)}\` is not in the build context${has(missing) ? ' (.dockerignore excludes it)' : ''}.` };
    // Optional files that .dockerignore excludes are not sent to the builder: a COPY naming them fails.
    const names = [...m.required, ...m.optional.filter((o) => has(o) && !view.ignored(at(o)))];
    return { files: bindMounted ? [] : found(names), names };
  };

  switch (step.ecosystem.id) {
    case 'pip': {
      if (step.kind === 'source') return { reason: '`pip install .` builds the project itself, which needs its sources.', names: ['pyproject.toml'] };
      const files: ManifestFile[] = [];
      // Image paths of the requirement files, nested `-r`/`-c` ones included (bounded).
      const queue = step.namedManifests.map((m) => (m.includes('$') ? m : posix.resolve(cwd, m)));
      const seen = new Set<string>();
      while (queue.length > 0 && seen.size < MAX_NESTED_REQUIREMENTS) {
        const imagePath = queue.shift()!;
        if (seen.has(imagePath)) continue;
        seen.add(imagePath);
        if (imagePath.includes('$') || !isUnder(imagePath, dest)) return { reason: `\`${imagePath}\` is not read from the copied folder.`, names: step.namedManifests };
        const source = posix.join(site.copyRoot || '.', posix.relative(dest, imagePath));
        files.push({ source, landing: imagePath });
        const text = view.readText(source);
        if (text === undefined) {
          if (view.files(posix.dirname(source)) !== undefined) return { reason: `\`${source}\` is not in the build context.`, names: step.namedManifests };
          continue;
        }
        for (const line of text.split(/\r?\n/)) {
          const t = line.replace(/\s+#.*$/, '').trim();
          const nested = /^(-r|-c|--requirement|--constraint)[\s=]+(\S+)$/.exec(t);
          if (nested) queue.push(posix.resolve(posix.dirname(imagePath), nested[2]!));
          else if (/^(-e|--editable)[\s=]+(\.|\/|file:)/.test(t) || /^(\.{1,2}(\/|$|\[)|file:)/.test(t) || /@\s*file:/.test(t)) {
            return { reason: `\`${source}\` installs a local folder (\`${t}\`), which needs the sources.`, names: step.namedManifests };
          }
        }
      }
      return { files: bindMounted ? [] : files, names: step.namedManifests };
    }
    case 'poetry': {
      const pyproject = view.readText(at('pyproject.toml'));
      if (pyproject && /\bpath\s*=\s*["']/.test(pyproject)) return { reason: 'pyproject.toml has path dependencies, which need the sources.' };
      return standard();
    }
    case 'uv': {
      const pyproject = view.readText(at('pyproject.toml'));
      if (pyproject && /\[tool\.uv\.workspace\]/.test(pyproject)) return { reason: 'this is a uv workspace: copy every member\'s pyproject.toml and use `--no-install-workspace`.' };
      if (pyproject && /\bpath\s*=\s*["']/.test(pyproject)) return { reason: 'pyproject.toml has path sources, which need the sources.' };
      return standard();
    }
    case 'pipenv': {
      const pipfile = view.readText(at('Pipfile'));
      if (pipfile && /\bpath\s*=\s*["']|editable\s*=\s*true/.test(pipfile)) return { reason: 'the Pipfile installs a local folder, which needs the sources.' };
      return standard();
    }
    case 'npm':
    case 'yarn':
    case 'pnpm':
    case 'bun': {
      if (!listing && step.ecosystem.id === 'npm') {
        // Without the context, `package*.json` copies package.json and whichever npm lockfile exists.
        return { files: bindMounted ? [] : [{ source: at('package*.json'), landing: 'package*.json' }], names: ['package.json', 'package-lock.json'] };
      }
      const pkg = readJson('package.json');
      if (pkg && typeof pkg.workspaces !== 'undefined') return { reason: 'package.json declares workspaces, whose package.json files are needed too.' };
      if (has('pnpm-workspace.yaml')) return { reason: 'this is a pnpm workspace, whose package.json files are needed too.' };
      if (step.ecosystem.id === 'yarn' && view.isDirectory(at('.yarn'))) return { reason: 'Yarn\'s `.yarn/` folder (releases, plugins) has to be copied with the manifests.' };
      const scripts = (pkg?.scripts ?? {}) as Record<string, unknown>;
      const lifecycle = ['preinstall', 'install', 'postinstall', 'prepare'].find((s) => typeof scripts[s] === 'string');
      if (lifecycle && !step.flags.has('--ignore-scripts')) return { reason: `package.json runs a \`${lifecycle}\` script during the install, which may need the sources.` };
      if (step.ecosystem.id === 'pnpm' && step.words[1]?.value === 'fetch') {
        if (!has('pnpm-lock.yaml')) return { reason: 'pnpm fetch needs pnpm-lock.yaml, which is not in the build context.' };
        const names = ['pnpm-lock.yaml', ...(has('.npmrc') ? ['.npmrc'] : [])];
        return { files: bindMounted ? [] : found(names), names };
      }
      return standard();
    }
    case 'go': {
      const gomod = view.readText(at('go.mod'));
      if (gomod && /^\s*replace\b[^\n]*=>\s*\.{1,2}\//m.test(gomod)) return { reason: 'go.mod replaces a module with a local folder, which needs the sources.' };
      if (has('go.work')) return { reason: 'go.work lists workspace modules whose go.mod files are needed too.' };
      return standard();
    }
    case 'bundler': {
      const gemfile = view.readText(at('Gemfile'));
      if (gemfile && /^\s*gemspec\b|path:\s*["']|:path\s*=>/m.test(gemfile)) return { reason: 'the Gemfile loads a gemspec or a local path, which needs the sources.' };
      // `ruby file: ".ruby-version"` makes the Gemfile read that file too.
      const rubyFile = gemfile && /^\s*ruby\s+file:\s*["']([^"']+)["']/m.exec(gemfile)?.[1];
      const base = standard();
      if (!rubyFile || !('files' in base)) return base;
      if (!view.exists(at(rubyFile))) return { reason: `the Gemfile reads \`${rubyFile}\`, which is not in the build context.` };
      return { ...base, files: bindMounted ? [] : [...base.files, ...found([rubyFile])] };
    }
    case 'composer': {
      const composer = readJson('composer.json');
      const skipsSources = step.flags.has('--no-scripts') && step.flags.has('--no-autoloader');
      const authoritative = step.flags.has('--classmap-authoritative') || step.flags.has('-a') || JSON.stringify(composer?.config ?? {}).includes('"classmap-authoritative":true');
      if (authoritative) return { reason: '`--classmap-authoritative` builds the class map from the sources, which are not there yet when the install runs (the autoloader would not find the application classes).' };
      if (composer && !skipsSources) {
        const autoload = JSON.stringify(composer.autoload ?? {});
        if (composer.scripts) return { reason: 'composer.json runs scripts during the install, which may need the sources (use `--no-scripts --no-autoloader`, then `composer dump-autoload` after copying them).' };
        if (/classmap|"files"/.test(autoload)) return { reason: 'the autoloader scans source folders (classmap/files), which are not there yet.' };
      }
      return standard();
    }
    case 'mix': {
      const mixExs = view.readText(at('mix.exs'));
      if (mixExs && /apps_path|in_umbrella|path:\s*"/.test(mixExs)) return { reason: 'this Mix project uses umbrella apps or path dependencies, which need the sources.' };
      return standard();
    }
    case 'maven': {
      const pom = view.readText(at('pom.xml'));
      if (pom && /<modules>/.test(pom)) return { reason: 'this is a multi-module Maven build, whose module pom.xml files are needed too.' };
      if (step.words.some((w) => w.value === '-s' || w.value.startsWith('--settings'))) return { reason: 'the build uses a settings file from the context.' };
      const base = standard();
      if (!('files' in base) || !/mvnw/.test(step.launcher)) return base;
      if (!has('mvnw')) return { reason: '`mvnw` is not in the build context.' };
      const folders = view.isDirectory(at('.mvn')) ? [{ source: at('.mvn'), landing: posix.join(cwd, '.mvn') }] : [];
      return { files: bindMounted ? [] : [...found(['mvnw']), ...base.files], folders: bindMounted ? [] : folders, names: ['mvnw', 'pom.xml'] };
    }
    case 'dotnet': {
      if (!listing) return { reason: 'the build context cannot be read here, so the project files are unknown.' };
      const named = step.words.slice(2).map((w) => w.value).find((v) => /\.(cs|fs|vb)proj$|\.sln$/.test(v));
      const projects = named ? [named] : listing.filter((f) => /\.(cs|fs|vb)proj$/.test(f));
      if (projects.length !== 1 || named?.includes('/') || named?.endsWith('.sln')) return { reason: 'the project files live in several folders or in a solution.' };
      const project = view.readText(at(projects[0]!));
      if (project === undefined) return { reason: `\`${at(projects[0]!)}\` is not in the build context.` };
      if (/<ProjectReference\b/.test(project)) return { reason: 'the project references other projects, whose files are needed too.' };
      const names = [projects[0]!, ...step.ecosystem.manifests.optional.filter(has)];
      return { files: bindMounted ? [] : found(names), names };
    }
    case 'cargo':
      return { reason: 'Cargo needs the sources to build its dependencies.', names: ['Cargo.toml', 'Cargo.lock'] };
    case 'gradle': {
      // Name the build files this project has (Groovy or Kotlin DSL).
      const present = ['build.gradle', 'build.gradle.kts', 'settings.gradle', 'settings.gradle.kts'].filter(has);
      return { reason: 'Gradle has no single manifest to copy.', names: present.length > 0 ? present : ['build.gradle', 'settings.gradle'] };
    }
  }
}
