// Rule app-module-not-found: the container's command imports a Python module (uvicorn/gunicorn
// `module:attr`) or runs a script (`python app.py`) that resolves to no file the running container has:
// nothing the COPY lines bring from the build context (or a bind mount shows) is at that path, and the
// Dockerfile's pip installs do not provide the module. The container exits at start with
// `Could not import module "…"` (uvicorn), `ModuleNotFoundError` (gunicorn) or `can't open file` (python).
import type { Rule } from '../../core/rule';
import type { Finding, Range } from '../../core/types';
import type { ComposeModel } from '../../compose/model';
import { nodeRange } from '../../compose/hovers/cursor';
import type { DockerfileModel } from '../model';
import { installedPythonNames, isInstalled, pythonTarget, startsFromBareImage } from '../../stack/pythonApp';
import { composeSetProcesses, dockerfileProcess, type ServiceProcess } from '../../stack/serviceProcess';
import { missingContextSource, runMayCreate } from '../../stack/buildGaps';

export const ID = 'app-module-not-found';
const TITLE = 'The command imports a module or runs a script the container does not have';
const DOCS = `uvicorn and gunicorn import the application from an import string (\`module.path:attribute\`),
relative to the working directory (or \`--app-dir\`/\`--chdir\`, and \`PYTHONPATH\`); \`python app.py\` opens a
path relative to the working directory. When none of the files the image's COPY lines bring from the build
context (after \`.dockerignore\`), nor a compose bind mount over the folder, is at that path, and no
\`pip install\` in the Dockerfile installs a package of that name, the container exits at start (uvicorn:
\`Could not import module "app.main"\`). Often the COPY puts the code one folder deeper or shallower than the
WORKDIR. Silent when the files may come from elsewhere: \`COPY --from\`, paths with variables, a base image
other than the official \`python\`/OS images, installing the project itself (\`pip install .\`, Poetry, uv sync …),
a RUN that may create the path (\`git clone\`, \`curl -o\`, \`wget\`, \`tar x\`, \`cp\` …). Silent too when a COPY
names a file the build context lacks: the build stops at that COPY first (or the folder on disk is not the
whole context).`;

function finding(process: ServiceProcess, range: Range): Finding | undefined {
  const scope = process.scope;
  if (!scope || !startsFromBareImage(scope)) return undefined;
  const target = pythonTarget(process);
  if (!target || target.found || target.undecided || target.tried.length === 0) return undefined;
  // A RUN may have created the file (`git clone`, `curl -o`, `tar x` …): the COPY lines are not the whole story.
  const { model, stage, context } = scope.image;
  if (target.tried.some((t) => t.file.kind === 'missing' && runMayCreate(model, stage, t.imagePath))) return undefined;
  // A COPY names a source the context on disk lacks: the build stops there (the container never starts), or
  // the folder is not the context that is built (a partial checkout): no verdict on the other files either.
  if (missingContextSource(model, stage, context)) return undefined;
  if (target.topLevel) {
    const installed = installedPythonNames(scope);
    if (!installed || isInstalled(installed, target.topLevel)) return undefined;
  }
  const paths = target.tried.map((t) => `\`${t.imagePath}${t.isDir ? '/' : ''}\``);
  const mounted = target.tried.find((t) => t.file.kind === 'mounted-missing');
  const where = mounted && mounted.file.kind === 'mounted-missing' ? `the bind mount shows \`${mounted.file.path}\` there, which does not exist` : 'no file the COPY lines bring from the build context lands there';
  const what = target.kind === 'import' ? `${process.server?.label ?? 'The server'} imports \`${target.written}\`, which needs ${paths.join(' or ')}` : `python runs \`${target.written}\` = ${paths[0]}`;
  const installedNote = target.topLevel ? `, and no \`pip install\` provides \`${target.topLevel}\`` : '';
  return { ruleId: ID, range, message: `${what}: ${where}${installedNote}. The container will exit at start.`, fixes: [] };
}

export const appModuleNotFound: Rule<DockerfileModel> = {
  id: ID,
  kind: 'dockerfile',
  title: TITLE,
  defaultSeverity: 'warning',
  docs: DOCS,
  check(model, context) {
    const found = dockerfileProcess(model, context);
    if (!found || found.process.origin.kind !== 'dockerfile') return [];
    const f = finding(found.process, found.process.origin.ins.range);
    return f ? [f] : [];
  },
};

export const appModuleNotFoundCompose: Rule<ComposeModel> = {
  id: ID,
  kind: 'compose',
  title: TITLE,
  defaultSeverity: 'warning',
  docs: DOCS,
  check(model, context) {
    const out: Finding[] = [];
    for (const { process } of composeSetProcesses(model, context.workspace)) {
      const f = finding(process, nodeRange(model, process.origin.node));
      if (f) out.push(f);
    }
    return out;
  },
};
