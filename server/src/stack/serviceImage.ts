// The image a compose service builds: its Dockerfile (read through the workspace view, parsed once per
// text), the stage it runs (`build.target` or the last one) and its build context. Undefined when the
// service has no local build or the Dockerfile cannot be read: callers then say nothing.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ComposeModel, ServiceModel } from '../compose/model';
import { snapshot } from '../core/text';
import type { WorkspaceView } from '../core/workspace';
import { contextViewAt, type ContextView } from '../dockerfile/context';
import type { DockerfileModel } from '../dockerfile/model';
import { parseDockerfile } from '../dockerfile/parse';

/** The Dockerfile a compose service builds and the stage it runs. */
export interface ServiceDockerfile {
  dockerfilePath: string;
  model: DockerfileModel;
  /** Index of the stage the service runs. */
  stage: number;
  contextDir: string;
}

export interface ServiceImage extends ServiceDockerfile {
  context: ContextView;
}

const parsed = new Map<string, { text: string; model: DockerfileModel }>();
const MAX_CACHED = 50;

/** Parses a Dockerfile read from the workspace, re-using the model while its text is unchanged. */
export function loadDockerfile(filePath: string, workspace: WorkspaceView): DockerfileModel | undefined {
  const text = workspace.readText(filePath);
  if (text === undefined) return undefined;
  const hit = parsed.get(filePath);
  if (hit && hit.text === text) return hit.model;
  const model = parseDockerfile(snapshot(pathToFileURL(filePath).href, 'dockerfile', 0, text));
  parsed.set(filePath, { text, model });
  if (parsed.size > MAX_CACHED) parsed.delete(parsed.keys().next().value!);
  return model;
}

const REMOTE = /^[a-z][a-z0-9+.-]*:\/\/|^git@/i;

/** `known`: the Dockerfile being analysed, so its own model (and offsets) are used rather than a re-parse. */
export function serviceImage(compose: ComposeModel, service: ServiceModel, workspace: WorkspaceView, known?: { path: string; model: DockerfileModel }): ServiceImage | undefined {
  const image = serviceDockerfile(compose, service, workspace, known);
  if (!image) return undefined;
  const context = contextViewAt(image.dockerfilePath, { dir: image.contextDir, origin: { kind: 'compose', file: compose.filePath!, service: service.name } }, workspace);
  return { ...image, context };
}

/** serviceImage() without the build context, for what reads only the Dockerfile (its HEALTHCHECK). */
export function serviceDockerfile(compose: ComposeModel, service: ServiceModel, workspace: WorkspaceView, known?: { path: string; model: DockerfileModel }): ServiceDockerfile | undefined {
  const build = service.build;
  if (!build || !compose.filePath) return undefined;
  const contextText = build.context?.interpolated.value ?? '.';
  if (REMOTE.test(contextText) || build.dockerfile?.raw.includes('$') || contextText.includes('$')) return undefined;
  const contextDir = path.resolve(path.dirname(compose.filePath), contextText);
  const dockerfilePath = path.resolve(contextDir, build.dockerfile?.interpolated.value ?? 'Dockerfile');
  const model = known?.path === dockerfilePath ? known.model : loadDockerfile(dockerfilePath, workspace);
  if (!model || model.stages.length === 0) return undefined;
  const target = build.target?.interpolated.value.toLowerCase();
  const stage = target ? model.stages.findIndex((s) => s.name === target) : model.stages.length - 1;
  if (stage < 0) return undefined;
  return { dockerfilePath, model, stage, contextDir };
}
