// The process a compose service's container runs: the compose `command`/`entrypoint` when given, else the
// image's ENTRYPOINT + CMD from the Dockerfile it builds; the environment it sees (compose environment,
// env_file, Dockerfile ENV); the folder it starts in; and the well-known server it starts, if any.
import * as path from 'node:path';
import type { ComposeModel, ServiceModel } from '../compose/model';
import { parseDotenv } from '../compose/dotenv';
import { deref, entry, isScalar, isSeq, scalarText, type Node } from '../compose/yamlTree';
import type { WorkspaceView } from '../core/workspace';
import { imageCommand } from '../dockerfile/command';
import type { DfInstruction } from '../dockerfile/model';
import { recogniseServer, type ServerInfo } from '../dockerfile/servers';
import { finalWorkdir } from './imageFiles';
import type { RuntimeScope } from './runtimeFiles';
import type { RuleContext } from '../core/rule';
import type { DockerfileModel } from '../dockerfile/model';
import { contextView } from '../dockerfile/context';
import { loadComposeFile } from '../compose/project';
import { packageScript, type ScriptRun } from './packageScripts';
import { serviceImage, type ServiceImage } from './serviceImage';
import { finalProgram, splitShellWords } from './shellWords';

export type CommandOrigin =
  | { kind: 'compose'; key: 'command' | 'entrypoint'; node: Node }
  | { kind: 'dockerfile'; ins: DfInstruction };

export interface ServiceProcess {
  /** The argv the container starts (after `sh -c` unwrapping, when that was unambiguous). */
  words: string[];
  origin: CommandOrigin;
  image?: ServiceImage;
  /** A variable's value as the process sees it; `${NAME}` when it is set but its value is unknown here. */
  env: (name: string) => string | undefined;
  /** The folder the process starts in, when known. */
  workdir?: string;
  server?: ServerInfo;
  /** What the running container's files are read through (bind mounts, then the image). */
  scope?: RuntimeScope;
  /** The package.json script an `npm run …` / `yarn …` command runs. */
  script?: ScriptRun;
}

/** Words of a compose `command`/`entrypoint` value (string: shell-like split; list: as is). */
export function composeWords(node: Node | undefined, doc: ServiceModel['doc']): string[] | undefined {
  const n = deref(node, doc);
  if (isScalar(n)) {
    const text = scalarText(n, doc);
    return text === undefined ? undefined : splitShellWords(text);
  }
  if (isSeq(n)) {
    const words = n.items.map((i) => scalarText(i, doc));
    return words.every((w): w is string => w !== undefined) ? words : undefined;
  }
  return undefined;
}

type KnownDockerfile = { path: string; model: DockerfileModel };

const cache = new WeakMap<ServiceModel, Map<DockerfileModel | undefined, ServiceProcess | null>>();

/** Computed once per (compose service, analysed Dockerfile model). */
export function serviceProcess(compose: ComposeModel, service: ServiceModel, workspace: WorkspaceView, known?: KnownDockerfile): ServiceProcess | undefined {
  let byModel = cache.get(service);
  if (!byModel) cache.set(service, (byModel = new Map()));
  const hit = byModel.get(known?.model);
  if (hit !== undefined) return hit ?? undefined;
  const result = computeProcess(compose, service, workspace, known);
  byModel.set(known?.model, result ?? null);
  return result;
}

/** The services whose process the compose file itself sets (`command` / `entrypoint`), with that process. */
export function* composeSetProcesses(compose: ComposeModel, workspace: WorkspaceView): Generator<{ service: ServiceModel; process: ServiceProcess & { origin: { kind: 'compose' } } }> {
  for (const service of compose.services) {
    if (!service.command && !service.entrypoint) continue;
    const process = serviceProcess(compose, service, workspace);
    if (process?.origin.kind === 'compose') yield { service, process: process as ServiceProcess & { origin: { kind: 'compose' } } };
  }
}

/**
 * The process of the image a Dockerfile builds, seen from the Dockerfile: through the compose service that
 * builds it when there is one (its command, environment and mounts apply), else the image alone.
 */
export function dockerfileProcess(model: DockerfileModel, ctx: RuleContext): { process: ServiceProcess; compose?: ComposeModel; service?: ServiceModel } | undefined {
  const view = contextView(model, ctx);
  const build = view.context;
  if (!build || !ctx.filePath) return undefined;
  if (build.origin.kind === 'compose') {
    const compose = loadComposeFile(build.origin.file, ctx.workspace);
    const service = compose?.serviceByName.get(build.origin.service);
    const process = compose && service ? serviceProcess(compose, service, ctx.workspace, { path: ctx.filePath, model }) : undefined;
    return process ? { process, compose, service } : undefined;
  }
  const stage = model.stages.length - 1;
  const cmd = stage >= 0 ? imageCommand(model, stage) : undefined;
  if (!cmd) return undefined;
  const image: ServiceImage = { dockerfilePath: ctx.filePath, model, stage, contextDir: build.dir, context: view };
  const workdir = finalWorkdir(model, stage);
  const env = (name: string) => cmd.env.get(name);
  const program = finalProgram(cmd.words);
  const script = program ? packageScript(program, image, workdir) : undefined;
  const runs = script?.words ?? program;
  return {
    process: {
      words: program ?? cmd.words, origin: { kind: 'dockerfile', ins: cmd.ins }, image, env, workdir,
      server: runs ? recogniseServer(runs, env) : undefined, script, scope: { image, workspace: ctx.workspace },
    },
  };
}

function computeProcess(compose: ComposeModel, service: ServiceModel, workspace: WorkspaceView, known?: KnownDockerfile): ServiceProcess | undefined {
  const image = serviceImage(compose, service, workspace, known);
  const imageCmd = image ? imageCommand(image.model, image.stage) : undefined;
  let words: string[] | undefined;
  let origin: CommandOrigin | undefined;
  if (service.entrypoint) {
    // What an entrypoint override does to the image's CMD is left unknown unless `command` is given too.
    const entry = composeWords(service.entrypoint, service.doc);
    const command = service.command ? composeWords(service.command, service.doc) : undefined;
    if (!entry || !command) return undefined;
    words = [...entry, ...command];
    origin = { kind: 'compose', key: 'entrypoint', node: service.entrypoint };
  } else if (service.command) {
    const command = composeWords(service.command, service.doc);
    if (!command) return undefined;
    // An exec-form ENTRYPOINT of the image takes the compose command as its arguments.
    const entrypoint = imageCmd?.ins.keyword === 'ENTRYPOINT' && imageCmd.ins.json ? imageCmd.ins.json : [];
    words = [...entrypoint, ...command];
    origin = { kind: 'compose', key: 'command', node: service.command };
  } else if (imageCmd) {
    words = imageCmd.words;
    origin = { kind: 'dockerfile', ins: imageCmd.ins };
  }
  if (!words || !origin) return undefined;
  const program = finalProgram(words);
  const env = environment(compose, service, workspace, imageCmd?.env);
  const workingDir = scalarText(entry(service.node, 'working_dir', service.doc)?.value, service.doc);
  const workdir = workingDir ?? (image ? finalWorkdir(image.model, image.stage) : undefined);
  const script = program ? packageScript(program, image, workdir) : undefined;
  const runs = script?.words ?? program;
  const server = runs ? recogniseServer(runs, env) : undefined;
  const scope = image ? { compose, service, image, workspace } : undefined;
  return { words: program ?? words, origin, image, env, workdir, server, script, scope };
}

function environment(compose: ComposeModel, service: ServiceModel, workspace: WorkspaceView, imageEnv: Map<string, string> | undefined) {
  const fromFiles = new Map<string, string>();
  let unreadableEnvFile = false;
  const dir = compose.filePath ? path.dirname(compose.filePath) : undefined;
  for (const f of service.envFiles) {
    const text = dir ? workspace.readText(path.resolve(dir, f.interpolated.value)) : undefined;
    if (text === undefined) unreadableEnvFile = true;
    else for (const [name, e] of parseDotenv(text)) fromFiles.set(name, e.value);
  }
  return (name: string): string | undefined => {
    const set = service.environment.find((e) => e.name === name);
    if (set) return set.value ?? `\${${name}}`;
    if (fromFiles.has(name)) return fromFiles.get(name);
    // An env_file we cannot read may set anything.
    if (unreadableEnvFile) return `\${${name}}`;
    return imageEnv?.get(name);
  };
}
