// Hover topic: `build`: the context and Dockerfile it resolves to, and the equivalent `docker build`
// command run from the compose file's folder (`-f` is relative to the current folder, Compose's
// `dockerfile` to the context).
import * as path from 'node:path';
import type { HoverTopic } from '../../core/rule';
import type { ComposeModel, ServiceModel } from '../model';
import { code, cursorAt, nodeRange } from './cursor';
import { shellQuote } from '../../stack/shellWords';
import type { WorkspaceView } from '../../core/workspace';
import { stageChain } from '../../stack/imageFiles';
import { serviceImage } from '../../stack/serviceImage';

export const buildHover: HoverTopic<ComposeModel> = {
  id: 'build',
  kind: 'compose',
  hover(model, position, context) {
    const cursor = cursorAt(model, position);
    const service = cursor?.service;
    if (!cursor || !service?.build || cursor.path[2] !== 'build') return undefined;
    return { markdown: buildMarkdown(model, service, context.workspace), range: nodeRange(model, cursor.node) };
  },
};


export function buildMarkdown(model: ComposeModel, service: ServiceModel, workspace: WorkspaceView): string {
  const build = service.build!;
  const context = build.context?.interpolated.value ?? '.';
  const dockerfile = build.dockerfile?.interpolated.value ?? 'Dockerfile';
  const remote = /^[a-z]+:\/\/|^git@/i.test(context);
  const composeDir = model.filePath ? path.dirname(model.filePath) : undefined;
  const lines = [`**build** (${code(service.name)})`, ''];
  if (remote) {
    lines.push(`Builds from the remote context ${code(context)}.`);
    return lines.join('\n');
  }
  const rel = (p: string) => {
    const r = path.posix.normalize(p.split(path.sep).join('/'));
    return r === '' ? '.' : r;
  };
  const contextRel = rel(context);
  const dockerfileFromHere = path.isAbsolute(dockerfile) ? dockerfile : rel(path.posix.join(contextRel, dockerfile));
  lines.push(
    `- Context: ${code(contextRel)}${composeDir ? ` = ${code(path.resolve(composeDir, context))}` : ''} — everything in it (minus \`.dockerignore\`) is sent to the builder.`,
    `- Dockerfile: ${code(dockerfile)}, relative to the context = ${code(dockerfileFromHere)}${composeDir ? ` (${code(path.resolve(composeDir, context, dockerfile))})` : ''}.`,
  );
  lines.push(...imageLines(model, service, workspace));
  const image = service.image?.interpolated.value ?? `${model.project.name}-${service.name}`;
  const args = ['docker', 'build', '-t', image];
  if (dockerfile !== 'Dockerfile') args.push('-f', dockerfileFromHere);
  for (const a of build.args) args.push('--build-arg', a.value === undefined ? a.name : `${a.name}=${a.value}`);
  if (build.target) args.push('--target', build.target.interpolated.value);
  args.push(contextRel);
  lines.push('', `The same build by hand, from the compose file's folder (\`-f\` is relative to where you run it, Compose's \`dockerfile\` to the context):`, '', '```sh', args.map(shellQuote).join(' '), '```');
  if (!service.image) lines.push('', `The image is tagged ${code(image)} (\`<project>-<service>\`).`);
  return lines.join('\n');
}

/** What the Dockerfile builds: its stages (which one this service runs) and the ports it EXPOSEs. */
function imageLines(model: ComposeModel, service: ServiceModel, workspace: WorkspaceView): string[] {
  const target = service.build?.target?.interpolated.value;
  const image = serviceImage(model, service, workspace);
  if (!image) return target ? [`- Target stage: ${code(target)}.`] : [];
  const { model: df, stage: runs } = image;
  const lines: string[] = [];
  if (df.stages.length > 1) {
    const stages = df.stages.map((s) => `${s.name ? code(s.name) : `stage ${s.index + 1}`} (line ${s.from.startLine + 1})${s.index === runs ? ' ← runs' : ''}`);
    lines.push(`- Stages: ${stages.join(', ')}${target ? '' : '; without `target` the last one is built'}.`);
  } else if (target) {
    lines.push(`- Target stage: ${code(target)}.`);
  }
  const exposed = stageChain(df, runs).flatMap((s) => df.stages[s]!.instructions.filter((i) => i.keyword === 'EXPOSE' && !i.degraded).flatMap((i) => i.args));
  if (exposed.length > 0) {
    const published = service.ports.flatMap((p) => (p.parse.ok ? [p.parse.spec.target] : []));
    const isPublished = (e: string) => {
      const n = Number(e.replace(/\/.*$/, ''));
      return published.some((t) => t.start <= n && n <= t.end);
    };
    lines.push(`- The image EXPOSEs ${exposed.map((e) => `${code(e)}${isPublished(e) ? ' (published here)' : ''}`).join(', ')} — documentation only: \`ports\` publishes.`);
  }
  return lines;
}
