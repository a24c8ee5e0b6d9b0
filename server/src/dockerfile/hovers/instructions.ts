// Hover topic: what FROM, ARG, ENV, WORKDIR, USER, EXPOSE, VOLUME, HEALTHCHECK, CMD and ENTRYPOINT do in
// this file: the stage, resolved paths, cache effects (domain-facts §5.1), scope of ARGs, the probe
// timeline of a HEALTHCHECK (§2.3), which compose ports publish an EXPOSEd port (§1.4).
import * as path from 'node:path';
import type { HoverTopic, RuleContext } from '../../core/rule';
import { formatDuration } from '../../compose/duration';
import { timeline, withDefaults } from '../../compose/healthTimeline';
import { loadComposeFile } from '../../compose/project';
import { formatRange } from '../../compose/ports';
import { contextView } from '../context';
import { dockerfileHealthcheck } from '../healthcheck';
import { resolveImagePath, workdirsOf } from '../copies';
import { imageCommand } from '../command';
import { flag, instructionAtLine, type DfInstruction, type DockerfileModel } from '../model';
import { recogniseServer } from '../servers';
import { asParagraphs, describeProcess, listenText, reloadLine } from '../../stack/describeProcess';
import { dockerfileProcess } from '../../stack/serviceProcess';
import { shellLine } from '../../stack/shellWords';
import { nodeRange } from '../../compose/hovers/cursor';
import { ANONYMOUS_VOLUME_FATE } from '../../stack/anonymousVolume';

export const instructionsHover: HoverTopic<DockerfileModel> = {
  id: 'instructions',
  kind: 'dockerfile',
  hover(model, position, context) {
    const ins = instructionAtLine(model, position.line);
    if (!ins || ins.degraded) return undefined;
    const markdown = describe(model, ins, context);
    return markdown ? { markdown, range: ins.range } : undefined;
  },
};

const code = (s: string) => '`' + s.replace(/`/g, "'") + '`';

function stageName(model: DockerfileModel, index: number): string {
  const stage = model.stages[index];
  if (!stage) return 'before the first FROM';
  return stage.name ? `stage ${code(stage.name)}` : `stage ${index + 1}`;
}

function describe(model: DockerfileModel, ins: DfInstruction, context: RuleContext): string | undefined {
  switch (ins.keyword) {
    case 'FROM':
      return fromHover(model, ins);
    case 'ARG':
      return argHover(model, ins);
    case 'ENV':
      return [
        `**ENV** · ${stageName(model, ins.stage)}`,
        '',
        'Sets these variables for every later instruction of the stage and in containers started from the image (`docker run -e` or Compose `environment` can override them).',
        '',
        /\$/.test(ins.args.join(' '))
          ? 'Cache: keyed by its text after substitution — when a build argument it uses changes, this layer and everything after it rebuild.'
          : 'Cache: keyed by its text; it changes only when you edit it.',
      ].join('\n');
    case 'WORKDIR': {
      const resolved = resolveImagePath(workdirsOf(model)[ins.index], ins.args.join(' '));
      return [
        `**WORKDIR** → ${resolved ? code(resolved) : 'a path that depends on build variables'}`,
        '',
        'Later RUN, COPY/ADD destinations, CMD and ENTRYPOINT in this stage use it; it is created if it does not exist. A relative path continues from the previous WORKDIR.',
      ].join('\n');
    }
    case 'USER':
      return [
        `**USER ${ins.args.join(' ')}**`,
        '',
        'Later RUN instructions, and the container’s CMD/ENTRYPOINT, run as this user. Files that COPY/ADD create stay owned by root unless they use `--chown`.',
      ].join('\n');
    case 'EXPOSE':
      return exposeHover(model, ins, context);
    case 'VOLUME':
      return [
        `**VOLUME** ${ins.args.map(code).join(' ')}`,
        '',
        `- Every container from this image gets an anonymous volume there unless a named volume or bind mount is mounted at that path. With Compose, ${ANONYMOUS_VOLUME_FATE} (\`down\` leaves the old one behind, unused).`,
        '- Changes to these paths later in the build are kept by BuildKit but discarded by the legacy builder.',
      ].join('\n');
    case 'HEALTHCHECK':
      return healthcheckHover(ins);
    case 'CMD':
    case 'ENTRYPOINT':
      return commandHover(model, ins, context);
    default:
      return undefined;
  }
}

function fromHover(model: DockerfileModel, ins: DfInstruction): string {
  const stage = model.stages.find((s) => s.from === ins)!;
  const lines = [`**FROM ${stage.base}** · ${stageName(model, stage.index)}${model.stages.length > 1 ? ` of ${model.stages.length}` : ''}`, ''];
  if (stage.baseStage !== undefined) {
    lines.push(`Continues from ${stageName(model, stage.baseStage)}: its files, ENV, WORKDIR and USER carry over.`);
  } else {
    lines.push(`Starts from the image ${code(stage.base)}. When the tag points to a new image, every instruction after this one rebuilds.`);
  }
  const usedBy = model.instructions.filter((i) => (i.keyword === 'COPY' && flag(i, 'from')?.value?.toLowerCase() === stage.name) || (i.keyword === 'FROM' && i !== ins && stage.name && i.args[0]?.toLowerCase() === stage.name));
  if (stage.name && usedBy.length > 0) lines.push('', `Used by line${usedBy.length > 1 ? 's' : ''} ${usedBy.map((i) => i.startLine + 1).join(', ')}.`);
  if (stage.index === model.stages.length - 1 && model.stages.length > 1) lines.push('', 'The last stage: the image `docker build` produces unless `--target` names another.');
  return lines.join('\n');
}

function argHover(model: DockerfileModel, ins: DfInstruction): string {
  const [name, ...rest] = (ins.args[0] ?? '').split('=');
  const def = rest.length > 0 ? rest.join('=') : undefined;
  const lines = [`**ARG ${name}**${def !== undefined ? ` (default ${code(def)})` : ''} · ${ins.stage < 0 ? 'global' : stageName(model, ins.stage)}`, ''];
  if (ins.stage < 0) {
    lines.push('Declared before the first FROM: usable only in FROM lines. A stage that needs it must declare it again (`ARG ' + name + '`).');
  } else {
    lines.push('Set with `--build-arg` (Compose: `build.args`); visible to later instructions of this stage only, and not in the running container.');
    lines.push('', 'Cache: a changed value misses the cache at its first use, and every later RUN of the stage rebuilds (build arguments are in the RUN environment).');
  }
  return lines.join('\n');
}

function exposeHover(model: DockerfileModel, ins: DfInstruction, context: RuleContext): string {
  const lines = [
    `**EXPOSE ${ins.args.join(' ')}** · documentation`,
    '',
    'Does not publish anything: it records the ports the image listens on. `docker run -p`, `-P` or Compose `ports` publish them; other containers on the same network reach them anyway.',
  ];
  const publishing = composePublishing(model, ins, context);
  if (publishing) lines.push('', publishing);
  return lines.join('\n');
}

/** Which compose ports publish the exposed ports, when a compose file of the workspace builds this Dockerfile. */
function composePublishing(model: DockerfileModel, ins: DfInstruction, context: RuleContext): string | undefined {
  const build = contextView(model, context).context;
  if (build?.origin.kind !== 'compose') return undefined;
  const compose = loadComposeFile(build.origin.file, context.workspace);
  const service = compose?.serviceByName.get(build.origin.service);
  if (!service) return undefined;
  const exposed = ins.args.map((a) => Number(a.split('/')[0])).filter((n) => Number.isInteger(n));
  const mappings = service.ports.flatMap((p) => {
    if (!p.parse.ok) return [];
    const spec = p.parse.spec;
    return exposed.some((e) => e >= spec.target.start && e <= spec.target.end) ? [spec] : [];
  });
  const file = path.basename(build.origin.file);
  if (mappings.length === 0) return `Compose service ${code(service.name)} (${file}) publishes none of these ports.`;
  return `Compose service ${code(service.name)} (${file}) publishes ${mappings.map((m) => code(`${m.published ? formatRange(m.published) : '(ephemeral)'}:${formatRange(m.target)}`)).join(', ')}.`;
}

function healthcheckHover(ins: DfInstruction): string {
  if ((ins.args[0] ?? '').toUpperCase() === 'NONE') return '**HEALTHCHECK NONE**\n\nDisables any healthcheck inherited from the base image.';
  const p = withDefaults(dockerfileHealthcheck(ins).params);
  const t = timeline(p);
  return [
    '**HEALTHCHECK**',
    '',
    `Interval ${formatDuration(p.interval)}, timeout ${formatDuration(p.timeout)}, retries ${p.retries}, start period ${formatDuration(p.startPeriod)}.`,
    '',
    `- First probe ${formatDuration(t.firstProbe)} after the container starts; earliest healthy ≈ ${formatDuration(t.earliestHealthy)}.`,
    `- Unhealthy ≈ ${formatDuration(t.unhealthyFailingFast)} if the probe fails at once, ≈ ${formatDuration(t.unhealthyHanging)} if it hangs until its timeout.`,
    '- Only the last HEALTHCHECK of the Dockerfile counts; a Compose `healthcheck` overrides these values.',
  ].join('\n');
}

function commandHover(model: DockerfileModel, ins: DfInstruction, context: RuleContext): string {
  const exec = ins.json !== undefined;
  const other = model.stages[ins.stage]?.instructions.filter((i) => i.keyword === (ins.keyword === 'CMD' ? 'ENTRYPOINT' : 'CMD') && !i.degraded).pop();
  const lines = [`**${ins.keyword}** · ${exec ? 'exec form' : 'shell form'}`, ''];
  lines.push(
    exec
      ? `Runs ${code(ins.json!.join(' '))} directly as the container's main process (PID 1): it receives \`docker stop\`'s signal. No shell: \`$VARIABLES\` are not expanded.`
      : `Runs under \`/bin/sh -c\`: the shell is PID 1, and the Dockerfile reference warns that it does not pass \`docker stop\`'s signal on, so the process is killed after the stop timeout. The exec form (a JSON array) avoids that.`,
  );
  const process = processLines(model, ins, context);
  if (process.length > 0) lines.push('', ...asParagraphs(process));
  if (ins.keyword === 'CMD' && other) {
    lines.push('', other.json ? `With the exec-form ENTRYPOINT on line ${other.startLine + 1}, these words are its default arguments.` : `The shell-form ENTRYPOINT on line ${other.startLine + 1} ignores CMD.`);
  } else if (ins.keyword === 'ENTRYPOINT') {
    lines.push('', exec ? 'CMD (or the arguments of `docker run IMAGE …` / Compose `command`) is appended as its arguments.' : 'In shell form it ignores CMD and any command given at run time.');
  } else {
    lines.push('', 'The default command: `docker run IMAGE …` arguments and Compose `command` replace it.');
  }
  return lines.join('\n');
}

/**
 * What the container's process is, when this instruction is (part of) it: through the compose service that
 * builds this Dockerfile when there is one (its command and mounts apply), else the image alone.
 */
function processLines(model: DockerfileModel, ins: DfInstruction, context: RuleContext): string[] {
  const effective = imageCommand(model, ins.stage);
  if (!effective || !partOfCommand(model, ins, effective.ins)) return [];
  const found = dockerfileProcess(model, context);
  // The stage a compose service (or a plain build) runs, or one it inherits its command from; other
  // stages get the image-only explanation.
  const runStage = found?.process.image?.stage;
  if (!found || runStage === undefined || imageCommand(model, runStage)?.ins !== effective.ins) return effective.ins === ins ? serverLines(model, ins) : [];
  const { process, compose, service } = found;
  const origin = process.origin;
  if (origin.kind === 'dockerfile') {
    const by = service && compose?.filePath ? [`Compose service ${code(service.name)} (${path.basename(compose.filePath)}) runs it.`] : [];
    return [...by, ...describeProcess(process)];
  }
  if (!service || !compose) return [];
  const line = nodeRange(compose, origin.node).start.line + 1;
  const where = `${code(origin.key)} of compose service ${code(service.name)} (${path.basename(compose.filePath ?? 'compose file')}, line ${line})`;
  const effect = origin.key === 'entrypoint' ? "replaces this image's ENTRYPOINT" : ins.keyword === 'ENTRYPOINT' ? 'gives it its arguments' : 'replaces it';
  return [`The ${where} ${effect}: the container runs ${code(shellLine(process.words))}.`, ...describeProcess(process)];
}

/** The instruction holds the program, or is the CMD whose words an exec-form ENTRYPOINT receives. */
function partOfCommand(model: DockerfileModel, ins: DfInstruction, program: DfInstruction): boolean {
  if (ins === program) return true;
  const lastCmd = model.stages[ins.stage]?.instructions.filter((i) => i.keyword === 'CMD' && !i.degraded).pop();
  return ins === lastCmd && program.keyword === 'ENTRYPOINT' && program.json !== undefined && program.startLine < ins.startLine;
}

/** The image alone, for a stage no build context reaches: what a well-known server in its command does. */
function serverLines(model: DockerfileModel, ins: DfInstruction): string[] {
  const command = imageCommand(model, ins.stage);
  if (!command || command.ins !== ins) return [];
  const server = recogniseServer(command.words, (name) => command.env.get(name));
  if (!server) return [];
  const lines = [`Starts ${server.label} (${server.kind}), listening on ${listenText(server)}.`];
  const reload = reloadLine(server, command.words);
  if (reload) lines.push(reload);
  return lines;
}
