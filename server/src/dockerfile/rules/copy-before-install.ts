// Rule copy-before-install: a COPY of the whole build context (or of the folder that holds the dependency
// manifests) placed before the RUN that installs dependencies from those manifests. BuildKit keys a COPY
// by the checksum of the files it copies and a RUN by its command text plus everything before it, so any
// source change invalidates the COPY and re-runs the install (domain-facts §5.1, §5.3).
import * as path from 'node:path';
import type { Rule } from '../../core/rule';
import type { Finding, Fix, TextEdit } from '../../core/types';
import { detectEol, lineStartOffset, nextLineStartOffset } from '../../core/text';
import { contextCopy, isUnder, resolveImagePath, sharedCopyFlags, workdirsOf, type CopyInfo } from '../copies';
import { contextView, type ContextView } from '../context';
import { recogniseStep, type DependencyStep, type Family } from '../ecosystems';
import { flag, type DfInstruction, type DockerfileModel } from '../model';
import { runCommands, type SimpleCommand } from '../shell';
import { planManifests, type ManifestPlan } from '../manifests';

export const ID = 'copy-before-install';

/** One install (or dependency-resolving build) step that a whole-source COPY placed before it busts. */
interface Affected {
  copy: CopyInfo;
  /** Context-relative folder the COPY copies into `copy.dest` ('' for the whole context). */
  copyRoot: string;
  step: DependencyStep;
  run: DfInstruction;
  /** Working directory of the step in the image (WORKDIR plus any `cd` in the RUN). */
  cwd?: string;
  workdirAtRun?: string;
}

interface StageState {
  copies: { copy: CopyInfo; root: string }[];
  /** Ecosystem families that already ran a dependency or build step in this stage (or its parents). */
  families: Set<Family>;
  /** Dependency installs done so far, by ecosystem and manifests: a re-install of the same set is no news. */
  installed: Set<string>;
}

export const copyBeforeInstall: Rule<DockerfileModel> = {
  id: ID,
  kind: 'dockerfile',
  title: 'Whole-source COPY before the dependency install: every code change reinstalls all dependencies',
  defaultSeverity: 'warning',
  docs: `Fires when a \`COPY\`/\`ADD\` that brings the whole build context (or the folder holding the dependency
manifests) into the image comes before the \`RUN\` that installs dependencies from those manifests.

BuildKit keys a \`COPY\` by a checksum of the files it copies, and a \`RUN\` by its command text plus
everything built before it. With \`COPY . .\` first, any change to any source file invalidates that
layer, so \`pip install\` / \`npm ci\` / \`go mod download\` … run again from scratch on every build.

\`\`\`dockerfile
# before: every code change re-runs pip install
COPY . .
RUN pip install -r requirements.txt

# after: the install is cached until requirements.txt changes
COPY requirements.txt ./
RUN pip install -r requirements.txt
COPY . .
\`\`\`

Covered: pip, Poetry, uv, Pipenv, npm, Yarn, pnpm, Bun, Go modules, Cargo, Maven, Gradle, Bundler,
Composer, .NET and Mix. A build step that also resolves dependencies (\`go build\`, \`cargo build\`,
\`mvn package\`, \`dotnet publish\`) counts only when no dependency step of that ecosystem came before it in
the stage. Silent when the whole-source COPY comes after the install (the manifests copied or bind-mounted
with \`RUN --mount=type=bind\`), for \`COPY --from\`, and when no manifest-based install follows.

**Quick-fix.** Copies the manifests just before the install step (same destination, \`--chown\`/\`--chmod\`/
\`--link\` flags as the whole-source COPY) and moves the whole-source COPY to just after it; every other
byte stays. Poetry and uv get their documented two-step install (\`--no-root\`, \`--no-install-project\`);
Go, Maven and .NET builds get a dependency layer (\`go mod download\`, \`dependency:go-offline\`,
\`dotnet restore\`). Where a reorder would break the build (\`pip install .\`, lifecycle scripts that need
the sources, a Bundler \`gemspec\`, workspaces, Cargo, Gradle) the message explains the pattern instead.`,
  check(model, context) {
    const view = contextView(model, context);
    const affected = collectAffected(model, view);
    const byCopy = new Map<DfInstruction, Affected[]>();
    for (const a of affected) {
      const list = byCopy.get(a.copy.ins) ?? [];
      list.push(a);
      byCopy.set(a.copy.ins, list);
    }
    const findings: Finding[] = [];
    for (const [copyIns, list] of byCopy) {
      const plan = planFix(model, list, view);
      findings.push({
        ruleId: ID,
        range: { start: copyIns.range.start, end: model.doc.positionAt(lineEnd(model.text, copyIns.start, copyIns.end)) },
        message: message(model, list, plan),
        fixes: plan.fix ? [plan.fix] : [],
      });
    }
    return findings;
  },
};

function lineEnd(text: string, start: number, end: number): number {
  // The instruction's first line only: a multi-line COPY is flagged where it starts.
  const nl = text.indexOf('\n', start);
  const stop = nl < 0 || nl > end ? end : nl;
  return text[stop - 1] === '\r' ? stop - 1 : stop;
}

function collectAffected(model: DockerfileModel, view: ContextView): Affected[] {
  const out: Affected[] = [];
  const finalStates: StageState[] = [];
  const workdirs = workdirsOf(model);
  for (const stage of model.stages) {
    const inherited = stage.baseStage !== undefined ? finalStates[stage.baseStage] : undefined;
    const state: StageState = inherited
      ? { copies: [...inherited.copies], families: new Set(inherited.families), installed: new Set(inherited.installed) }
      : { copies: [], families: new Set(), installed: new Set() };
    for (const ins of stage.instructions) {
      if (ins.degraded) continue;
      const workdir = workdirs[ins.index];
      if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
        const copy = contextCopy(ins, workdir);
        if (!copy) continue;
        if (copy.whole) state.copies.push({ copy, root: '' });
        else {
          // A folder that holds manifests counts too (`COPY backend/ /app/`); which folder is checked per step.
          for (const source of copy.sources) {
            const root = source.replace(/^\.\//, '').replace(/\/+$/, '');
            // `COPY requirements/ requirements/` with nothing but manifests in it is the manifests-first copy.
            if (isFolderSource(source, view) && !holdsOnlyManifests(view, root)) state.copies.push({ copy, root });
          }
        }
      } else if (ins.keyword === 'RUN' && mayRunPackageManager(model, ins)) {
        let cd: string | undefined = workdir;
        for (const cmd of runCommands(model, ins)) {
          cd = followCd(cmd, cd);
          const step = recogniseStep(cmd);
          if (!step) continue;
          const family = step.ecosystem.family;
          const delivering = deliveringCopy(state, step, cd);
          // A build whose module cache is a cache mount downloads nothing again: only its compile re-runs.
          const cachedBuild = step.kind === 'source' && ins.flags.some((f) => f.name === 'mount' && /type=cache/.test(f.value ?? ''));
          const installKey = `${step.ecosystem.id}:${step.namedManifests.slice().sort().join(',') || '*'}`;
          // Builds count only before any dependency step of their ecosystem; a dependency install counts
          // unless it re-installs what an earlier step installed (`pnpm fetch` then `pnpm install --offline`).
          const news = step.kind === 'source' ? !state.families.has(family) : step.kind === 'dependency' && !state.installed.has(installKey);
          if (news && !cachedBuild && delivering && !vendored(step, delivering, cd, view)) {
            out.push({ copy: delivering.copy, copyRoot: delivering.root, step, run: ins, cwd: cd, workdirAtRun: workdir });
          }
          if (step.kind === 'dependency') state.installed.add(installKey);
          // Any run of the tool before the sources arrive pre-fetches dependencies (e.g. a custom
          // `./gradlew downloadRepos`); later builds of that ecosystem are then cached steps.
          if (step.kind !== 'tool' || !delivering) state.families.add(family);
        }
      }
    }
    finalStates[stage.index] = state;
  }
  return out;
}

/** Cheap pre-check that spares the shell reader the RUNs that name no package manager at all. */
const PACKAGE_MANAGER_WORD = /\b(pip\d*(\.\d+)*|python[\d.]*|poetry|uv|pipenv|npm|yarn|pnpm|bun|go|cargo|mvnw?|gradlew?|bundle|composer(\.phar)?|php[\d.]*|dotnet|mix)\b/;
function mayRunPackageManager(model: DockerfileModel, ins: DfInstruction): boolean {
  return PACKAGE_MANAGER_WORD.test(ins.json ? ins.json.join(' ') : model.text.slice(ins.argsStart, ins.end));
}

/** Manifest-like file names: requirement lists, lockfiles, project files. */
const MANIFEST_NAME = /(^requirements.*\.(txt|in)$|^[\w.-]+\.(txt|in)$|^constraints.*\.txt$|\.lock$|lock\.(json|yaml)$|^package\.json$|^pyproject\.toml$|^Pipfile|^Gemfile|^go\.(mod|sum)$|^Cargo\.toml$|^pom\.xml$|^composer\.json$|\.(cs|fs|vb)proj$|^mix\.exs$|^\.npmrc$)/;
function holdsOnlyManifests(view: ContextView, root: string): boolean {
  const entries = view.entries(root);
  return entries !== undefined && entries.length > 0 && entries.every((e) => !e.isDirectory && MANIFEST_NAME.test(e.name));
}

/** Go with a vendor folder (`vendor/modules.txt`) builds from it and downloads nothing. */
function vendored(step: DependencyStep, copy: { copy: CopyInfo; root: string }, cwd: string | undefined, view: ContextView): boolean {
  if (step.ecosystem.id !== 'go' || step.kind !== 'source' || !cwd || !copy.copy.dest || !isUnder(cwd, copy.copy.dest)) return false;
  const dir = path.posix.join(copy.root || '.', path.posix.relative(copy.copy.dest, cwd));
  return view.exists(path.posix.join(dir, 'vendor/modules.txt'));
}

function isFolderSource(source: string, view: ContextView): boolean {
  if (/[*?[]/.test(source) || source.includes('$')) return false;
  if (source.endsWith('/')) return true;
  return view.isDirectory(source.replace(/^\.\//, ''));
}

/** `cd DIR` inside a RUN changes where the following commands read their manifests. */
function followCd(cmd: SimpleCommand, cwd: string | undefined): string | undefined {
  const w = cmd.words;
  if (w[0]?.value !== 'cd') return cwd;
  const target = w[1]?.value;
  if (target === undefined || target === '-' || target.startsWith('~')) return undefined;
  return resolveImagePath(cwd, target);
}

/** The latest COPY before the step that brings it its manifests: a whole-context copy, or a folder copy landing at them. */
function deliveringCopy(state: StageState, step: DependencyStep, cwd: string | undefined): { copy: CopyInfo; root: string } | undefined {
  for (let i = state.copies.length - 1; i >= 0; i--) {
    const candidate = state.copies[i]!;
    if (candidate.root === '') return candidate;
    const dest = candidate.copy.dest;
    if (dest === undefined || cwd === undefined) continue;
    const reads = step.namedManifests.length > 0 ? step.namedManifests.map((m) => path.posix.resolve(cwd, m)) : [cwd];
    if (reads.some((p) => isUnder(p, dest))) return candidate;
  }
  return undefined;
}

// ---------------------------------------------------------------- message

function shortCommand(step: DependencyStep): string {
  const words = step.words.map((w) => w.value);
  const prog = words[0]!.replace(/^.*\//, '');
  if (/^python/.test(prog) && words[1] === '-m') return `${words[2]} ${words[3]}`;
  if (prog === 'uv' && words[1] === 'pip') return `uv pip ${words[2]}`;
  if (['go', 'cargo'].includes(prog) && ['mod', 'chef'].includes(words[1] ?? '')) return words.slice(0, 3).join(' ').replace(/^.*\//, '');
  if (prog === 'mvn' || prog === 'mvnw' || prog === 'gradle' || prog === 'gradlew') {
    const goal = words.slice(1).find((w) => !w.startsWith('-'));
    return goal ? `${words[0]} ${goal}` : words[0]!;
  }
  const sub = words[1] && !words[1].startsWith('-') ? ` ${words[1]}` : '';
  return `${words[0]}${sub}`;
}

function copyDisplay(model: DockerfileModel, ins: DfInstruction): string {
  const firstLine = model.text.slice(ins.start, lineEnd(model.text, ins.start, ins.end)).trim();
  return firstLine.length > 60 ? firstLine.slice(0, 57) + '…' : firstLine;
}

/** Files that configure the tool rather than list dependencies: copied, but not named in messages. */
const NOT_A_DEPENDENCY_LIST = /^(\.python-version|\.npmrc|\.yarnrc(\.yml)?|bunfig\.toml|poetry\.toml|mvnw|NuGet\.config|nuget\.config|global\.json|\.ruby-version)$/;

function manifestList(step: DependencyStep, plan: FixPlan): string {
  let names = step.namedManifests.length > 0 ? step.namedManifests : (plan.manifestNames.get(step) ?? defaultManifestNames(step));
  names = names.filter((n) => !NOT_A_DEPENDENCY_LIST.test(n.replace(/^.*\//, '')));
  return names.length > 0 ? names.map((n) => `\`${n}\``).join(', ') : 'its project files';
}

function defaultManifestNames(step: DependencyStep): string[] {
  const m = step.ecosystem.manifests;
  return [...m.required, ...m.optional.filter((o) => /lock|sum/i.test(o)).slice(0, 1)];
}

function message(model: DockerfileModel, list: Affected[], plan: FixPlan): string {
  const first = list[0]!;
  const copyText = `\`${copyDisplay(model, first.copy.ins)}\``;
  const what = first.copyRoot === '' ? 'copies the whole build context' : `copies \`${first.copyRoot}/\`, which holds the dependency manifests,`;
  const line = first.run.startLine + 1;
  const cmd = `\`${shortCommand(first.step)}\``;
  const stageNote = first.run.stage !== first.copy.ins.stage ? ', in a stage built from this one' : '';
  let text: string;
  if (first.step.kind === 'dependency') {
    text = `${copyText} ${what} before ${cmd} (line ${line}${stageNote}) installs the ${first.step.ecosystem.label} dependencies from ${manifestList(first.step, plan)}: every change to any source file re-runs ${cmd}.`;
  } else {
    text = `${copyText} ${what} before ${cmd} (line ${line}${stageNote}), which also downloads the ${first.step.ecosystem.label} dependencies listed in ${manifestList(first.step, plan)}: every change to any source file fetches all of them again.`;
  }
  const others = list.length - 1;
  if (others > 0) text += ` The same holds for ${others} more install step${others > 1 ? 's' : ''} after it.`;
  text += plan.fix ? ` ${plan.advice}` : ` ${plan.advice}${plan.reason ? ` No automatic fix: ${plan.reason}` : ''}`;
  return text;
}

// ---------------------------------------------------------------- fix

interface FixPlan {
  fix?: Fix;
  /** One sentence on the canonical order (always shown). */
  advice: string;
  /** Why no quick-fix is offered, when none is. */
  reason?: string;
  manifestNames: Map<DependencyStep, string[]>;
}

const ADVICE: Record<string, string> = {
  default: 'Copy the dependency manifests first, install, then copy the rest of the sources.',
  cargo: 'Cargo cannot fetch and build dependencies from Cargo.toml alone: cache them with cargo-chef (`cargo chef prepare` in a planner stage, `cargo chef cook` before `COPY . .`) or a `RUN --mount=type=cache` on the cargo registry and target folders.',
  gradle: 'Copy the Gradle build files (`build.gradle*`, `settings.gradle*`, `gradle/`, `gradlew`) first and resolve dependencies (e.g. `./gradlew dependencies`), or use `RUN --mount=type=cache,target=/root/.gradle`.',
  'source-python': 'Install the dependencies from the manifests before `COPY . .` and the project itself after it.',
  'source-go': 'Copy `go.mod` and `go.sum` first and run `go mod download` before copying the sources.',
  'source-maven': 'Copy `pom.xml` first and run `mvn dependency:go-offline` before copying the sources.',
  'source-dotnet': 'Copy the project files first and run `dotnet restore` before copying the sources.',
};

function adviceFor(step: DependencyStep): string {
  const id = step.ecosystem.id;
  if (id === 'cargo' || id === 'gradle') return ADVICE[id]!;
  if (step.kind === 'source') {
    if (id === 'poetry') return 'Install the dependencies with `poetry install --no-root` after copying `pyproject.toml` and `poetry.lock`, then copy the sources and install the project.';
    if (id === 'uv') return 'Install the dependencies with `uv sync --no-install-project` after copying `pyproject.toml` and `uv.lock`, then copy the sources and run `uv sync` again.';
    return (ADVICE[`source-${step.ecosystem.family}`] ?? ADVICE['source-python']!).replace('`mvn ', `\`${step.launcher} `);
  }
  return ADVICE.default!;
}

function planFix(model: DockerfileModel, list: Affected[], view: ContextView): FixPlan {
  const first = list[0]!;
  const manifestNames = new Map<DependencyStep, string[]>();
  const plan = (reason?: string, fix?: Fix): FixPlan => ({ fix, reason, advice: adviceFor(first.step), manifestNames });
  const copy = first.copy;
  if (list.some((a) => a.run.stage !== copy.ins.stage)) return plan('the install runs in another stage built from this one.');
  if (copy.dest === undefined) return plan('the destination depends on build variables.');

  const eol = detectEol(model.text);
  const plans: { a: Affected; manifests: ManifestPlan }[] = [];
  for (const a of list) {
    const manifests = planManifests(model, a, view);
    if ('names' in manifests && manifests.names) manifestNames.set(a.step, manifests.names);
    if ('reason' in manifests) return plan(manifests.reason);
    plans.push({ a, manifests });
  }

  const sourceSteps = list.filter((a) => a.step.kind === 'source');
  if (sourceSteps.length > 0) {
    if (list.length > 1) return plan('several install steps of different kinds follow it.');
    return sourceStepFix(model, first, plans[0]!.manifests, eol, plan);
  }

  // Plain reorder: manifests before each install step, the whole-source COPY after the last one.
  const last = list[list.length - 1]!.run;
  const blocker = firstBlocker(model, copy, last, new Set(list.map((a) => a.run)));
  if (blocker) return plan(`line ${blocker.startLine + 1} between them may need the sources.`);
  // The install RUNs themselves must not run anything else that reads the sources (`&& npm run build`).
  // (Commands are matched by position: each read of a RUN makes new command objects.)
  const steps = new Set(list.map((a) => a.step.command.start));
  for (const run of new Set(list.map((a) => a.run))) {
    const other = runCommands(model, run).find((cmd) => !steps.has(cmd.start) && !commandIsIndependent(cmd, copy.dest));
    if (other) {
      const install = list.find((a) => a.run === run)!.step.command.start;
      return plan(`the same RUN runs \`${commandText(other)}\` ${other.start > install ? 'after' : 'before'} the install, which needs the sources.`);
    }
  }
  const edits: TextEdit[] = [];
  const moved = movedBlock(model, copy.ins);
  edits.push(removeLines(model, moved.start, moved.end));
  const insertedBefore = new Set<DfInstruction>();
  for (const { a, manifests } of plans) {
    if (insertedBefore.has(a.run)) continue;
    insertedBefore.add(a.run);
    const lines = copyLines(model, copy, a, manifests);
    if (lines.length > 0) edits.push(insertBeforeLine(model, a.run, lines, eol));
  }
  edits.push(insertAfter(model, last, model.text.slice(moved.start, moved.end), eol));
  return plan(undefined, { title: `Copy the manifests first and move \`${copyDisplay(model, copy.ins)}\` after the install`, edits, isPreferred: true });
}

/** Poetry/uv two-step installs and Go/Maven/.NET dependency layers. */
function sourceStepFix(model: DockerfileModel, a: Affected, manifests: ManifestPlan, eol: string, plan: (reason?: string, fix?: Fix) => FixPlan): FixPlan {
  const id = a.step.ecosystem.id;
  const copy = a.copy;
  if (id === 'poetry' || id === 'uv') {
    // Two-step: COPY manifests; RUN <the install alone> --no-root; COPY . .; RUN <original>.
    const blocker = firstBlocker(model, copy, a.run, new Set([a.run]));
    if (blocker) return plan(`line ${blocker.startLine + 1} between them may need the sources.`);
    if (a.run.json || /^<</.test(model.text.slice(a.run.argsStart, a.run.argsStart + 2))) return plan('the install is not a plain shell-form RUN.');
    const commands = runCommands(model, a.run);
    const before = commands.filter((cmd) => cmd.start < a.step.command.start);
    const needsSources = before.find((cmd) => !commandIsIndependent(cmd, copy.dest!));
    if (needsSources) return plan(`the same RUN runs \`${commandText(needsSources)}\` before the install, which needs the sources.`);
    const extraFlag = id === 'poetry' ? ' --no-root' : ' --no-install-project';
    // The first install repeats the RUN up to the install command (its flags and tool set-up included).
    const runStart = lineStartOffset(model.text, a.run.start);
    const firstInstall = model.text.slice(runStart, a.step.command.end) + extraFlag + eol;
    const moved = movedBlock(model, copy.ins);
    const lines = copyLines(model, copy, a, manifests);
    const inserted = [...lines.map((l) => l + eol), firstInstall, withEol(model.text.slice(moved.start, moved.end), eol)].join('');
    return plan(undefined, {
      title: `Install the dependencies with \`${extraFlag.trim()}\` before \`${copyDisplay(model, copy.ins)}\``,
      edits: [removeLines(model, moved.start, moved.end), insertText(model, runStart, inserted)],
      isPreferred: true,
    });
  }
  // Dependency layer before the whole-source COPY; the COPY and the build stay where they are.
  const depRun = dependencyCommand(a.step);
  if (!depRun) return plan(`${a.step.ecosystem.label} has no dependency-only step docklens can add here.`);
  if (a.cwd === undefined || a.cwd !== a.workdirAtRun) return plan('the build runs in a folder other than WORKDIR.');
  const lines = copyLines(model, copy, a, manifests);
  const indent = /^[ \t]*/.exec(model.text.slice(lineStartOffset(model.text, copy.ins.start)))![0];
  const moved = movedBlock(model, copy.ins);
  const text = [...lines, `${keyword(copy, 'RUN')} ${depRun}`].map((l) => indent + l.trimStart() + eol).join('');
  return plan(undefined, {
    title: `Download the dependencies with \`${depRun}\` before \`${copyDisplay(model, copy.ins)}\``,
    edits: [insertText(model, moved.start, text)],
    isPreferred: true,
  });
}

function dependencyCommand(step: DependencyStep): string | undefined {
  switch (step.ecosystem.id) {
    case 'go':
      return 'go mod download';
    case 'maven':
      return `${step.launcher} dependency:go-offline`;
    case 'dotnet':
      return 'dotnet restore';
    default:
      return undefined;
  }
}

/** `COPY [flags] files… dest` lines that bring the step's manifests to where it reads them. */
function copyLines(model: DockerfileModel, copy: CopyInfo, a: Affected, manifests: ManifestPlan): string[] {
  if (!('files' in manifests) || manifests.files.length === 0) return [];
  const flags = sharedCopyFlags(model, copy.ins);
  const relativeStyle = !copy.destText.startsWith('/');
  const byDir = new Map<string, string[]>();
  for (const f of manifests.files) {
    const landing = path.posix.dirname(f.landing);
    const list = byDir.get(landing) ?? [];
    list.push(f.source);
    byDir.set(landing, list);
  }
  const lines: string[] = [];
  for (const [dir, files] of byDir) {
    lines.push([keyword(copy, 'COPY'), flags, ...files, destSpelling(dir, a.workdirAtRun, relativeStyle)].filter(Boolean).join(' '));
  }
  for (const d of manifests.folders ?? []) {
    lines.push([keyword(copy, 'COPY'), flags, d.source, destSpelling(d.landing, a.workdirAtRun, relativeStyle).replace(/\/$/, '')].filter(Boolean).join(' '));
  }
  return lines;
}

/** New instructions in the letter case the file uses (`copy` in a lower-case Dockerfile). */
function keyword(copy: CopyInfo, upper: string): string {
  return copy.ins.keywordText === copy.ins.keywordText.toLowerCase() ? upper.toLowerCase() : upper;
}

function destSpelling(dir: string, workdir: string | undefined, relativeStyle: boolean): string {
  if (relativeStyle && workdir !== undefined && isUnder(dir, workdir)) {
    const rel = path.posix.relative(workdir, dir);
    return rel === '' ? './' : `./${rel}/`;
  }
  return dir.endsWith('/') ? dir : `${dir}/`;
}

const CROSSABLE = new Set(['ENV', 'ARG', 'LABEL', 'EXPOSE', 'USER', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL', 'CMD', 'ENTRYPOINT', 'MAINTAINER']);

/** The first instruction between the COPY and the install that the COPY cannot be moved across. */
function firstBlocker(model: DockerfileModel, copy: CopyInfo, last: DfInstruction, installs: Set<DfInstruction>): DfInstruction | undefined {
  for (let i = copy.ins.index + 1; i < last.index; i++) {
    const ins = model.instructions[i]!;
    if (installs.has(ins) || CROSSABLE.has(ins.keyword)) continue;
    if (ins.keyword === 'WORKDIR' && copy.destText.startsWith('/')) continue;
    if (ins.keyword === 'RUN' && runIsIndependentOfSources(model, ins, copy.dest!)) continue;
    return ins;
  }
  return undefined;
}

const SYSTEM_PACKAGE_MANAGERS = new Set(['apt-get', 'apt', 'apk', 'yum', 'dnf', 'microdnf', 'zypper', 'tdnf']);
const INERT = new Set(['true', 'set', 'export', 'mkdir', 'useradd', 'adduser', 'groupadd', 'addgroup', 'usermod', 'ldconfig', 'update-ca-certificates', 'locale-gen']);

/** A RUN that installs system packages or tools by name, creates users or folders: it reads no copied file. */
function runIsIndependentOfSources(model: DockerfileModel, ins: DfInstruction, dest: string): boolean {
  if (flag(ins, 'mount')) return false;
  return runCommands(model, ins).every((cmd) => commandIsIndependent(cmd, dest));
}

function commandText(cmd: SimpleCommand): string {
  const text = cmd.words.map((w) => w.value).join(' ');
  return text.length > 60 ? text.slice(0, 57) + '…' : text;
}

function commandIsIndependent(cmd: SimpleCommand, dest: string | undefined): boolean {
  const words = cmd.words.map((w) => w.value);
  if (words.some((w) => w.includes('>') || w.includes('<'))) return false;
  const prog = (words[0] ?? '').replace(/^.*\//, '');
  if (SYSTEM_PACKAGE_MANAGERS.has(prog) || INERT.has(prog) || prog === 'cd') return true;
  // Cache housekeeping and manifest checks read no source file.
  if (['npm', 'yarn', 'pnpm', 'bun'].includes(prog) && ['cache', 'store', 'config'].includes(words[1] ?? '')) return true;
  if (prog === 'go' && words[1] === 'mod' && ['download', 'verify'].includes(words[2] ?? '')) return true;
  if ((prog === 'pip' || /^pip\d/.test(prog)) && words[1] === 'cache') return true;
  if (prog === 'composer' && ['clear-cache', 'clearcache', 'config'].includes(words[1] ?? '')) return true;
  if (prog === 'mix' && /^local\./.test(words[1] ?? '')) return true;
  if (prog === 'rm') return dest !== undefined && words.slice(1).every((w) => w.startsWith('-') || (w.startsWith('/') && !isUnder(w, dest)));
  if (/^pip\d*(\.\d+)*$/.test(prog) || prog === 'npm' || prog === 'gem' || prog === 'corepack') {
    // Installs by package name only; anything that reads a manifest is recognised as a step instead.
    return recogniseStep(cmd) === undefined && !words.slice(1).some((w) => w.startsWith('.') || w.startsWith('/')) && !['run', 'exec', 'start', 'test'].includes(words[1] ?? '');
  }
  if (prog === 'poetry' || prog === 'pipenv' || prog === 'uv' || prog === 'yarn' || prog === 'pnpm' || prog === 'bundle' || prog === 'composer') {
    // Tool configuration (`poetry config …`, `yarn config set …`) reads no source file.
    return words[1] === 'config' || words[1] === '--version' || words[1] === '-v';
  }
  return false;
}

/** The COPY's lines plus the comment lines directly above it, which describe it and move with it. */
function movedBlock(model: DockerfileModel, ins: DfInstruction): { start: number; end: number } {
  const text = model.text;
  let start = lineStartOffset(text, ins.start);
  while (start > 0) {
    const prevStart = lineStartOffset(text, start - 1);
    const prevLine = text.slice(prevStart, start);
    if (!/^[ \t]*#/.test(prevLine) || /docklens-ignore/.test(prevLine)) break;
    start = prevStart;
  }
  return { start, end: nextLineStartOffset(text, ins.end) };
}

function removeLines(model: DockerfileModel, start: number, end: number): TextEdit {
  return { range: { start: model.doc.positionAt(start), end: model.doc.positionAt(end) }, newText: '' };
}

function insertText(model: DockerfileModel, at: number, text: string): TextEdit {
  const pos = model.doc.positionAt(at);
  return { range: { start: pos, end: pos }, newText: text };
}

function withEol(block: string, eol: string): string {
  return /\r?\n$/.test(block) ? block : block + eol;
}

/** New lines just before an instruction's first line, at its indentation. */
function insertBeforeLine(model: DockerfileModel, ins: DfInstruction, lines: string[], eol: string): TextEdit {
  const at = lineStartOffset(model.text, ins.start);
  const indent = /^[ \t]*/.exec(model.text.slice(at))![0];
  return insertText(model, at, lines.map((l) => indent + l + eol).join(''));
}

/** A block of whole lines just after an instruction's last line (also when it ends the file without a newline). */
function insertAfter(model: DockerfileModel, ins: DfInstruction, block: string, eol: string): TextEdit {
  const at = nextLineStartOffset(model.text, ins.end);
  const endsWithNewline = at > 0 && model.text[at - 1] === '\n';
  const body = block.replace(/\r?\n$/, '');
  return insertText(model, at, endsWithNewline ? body + eol : eol + body);
}
