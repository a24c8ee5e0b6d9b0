// Hover topic: a service's `command` / `entrypoint`: what it replaces in the image the service builds
// (the Dockerfile's CMD/ENTRYPOINT, with line numbers), the program the container then starts, and for
// well-known servers where they listen and which file their import string resolves to (domain-facts §7).
import * as path from 'node:path';
import type { HoverTopic } from '../../core/rule';
import { imageCommand } from '../../dockerfile/command';
import { asParagraphs, describeProcess } from '../../stack/describeProcess';
import { serviceImage } from '../../stack/serviceImage';
import { serviceProcess } from '../../stack/serviceProcess';
import { shellLine } from '../../stack/shellWords';
import type { ComposeModel, ServiceModel } from '../model';
import { code, cursorAt, nodeRange } from './cursor';
import type { WorkspaceView } from '../../core/workspace';

export const commandHover: HoverTopic<ComposeModel> = {
  id: 'command',
  kind: 'compose',
  hover(model, position, context) {
    const cursor = cursorAt(model, position);
    const service = cursor?.service;
    const key = cursor?.path[2];
    if (!cursor || !service || (key !== 'command' && key !== 'entrypoint')) return undefined;
    const node = key === 'command' ? service.command : service.entrypoint;
    if (!node) return undefined;
    return { markdown: commandMarkdown(model, service, key, context.workspace), range: nodeRange(model, node) };
  },
};

function commandMarkdown(model: ComposeModel, service: ServiceModel, key: 'command' | 'entrypoint', workspace: WorkspaceView): string {
  const lines = [`**${key}** (${code(service.name)}) · replaces the image's ${key === 'command' ? 'CMD' : 'ENTRYPOINT'}`, ''];
  const image = serviceImage(model, service, workspace);
  const imageCmd = image ? imageCommand(image.model, image.stage) : undefined;
  const file = image ? path.basename(image.dockerfilePath) : undefined;
  if (!image) {
    lines.push(
      service.image
        ? `The default of image ${code(service.image.interpolated.value)} is not in the workspace, so what it replaces is not shown here.`
        : 'The service builds no image from this workspace, so what it replaces is not shown here.',
    );
  } else if (!imageCmd) {
    lines.push(`${file} sets no CMD or ENTRYPOINT in the stage this service runs: the base image's default applies unless replaced.`);
  } else {
    const entry = imageCmd.ins.keyword === 'ENTRYPOINT' ? imageCmd.ins : undefined;
    const cmdIns = image.model.stages[image.stage]?.instructions.filter((i) => i.keyword === 'CMD' && !i.degraded).pop();
    const shown = (ins: { keyword: string; startLine: number; args: string[]; json?: string[] }) => `${code(`${ins.keyword} ${ins.json ? JSON.stringify(ins.json) : ins.args.join(' ')}`)} (${file} line ${ins.startLine + 1})`;
    if (key === 'command') {
      if (cmdIns) lines.push(`Instead of ${shown(cmdIns)}.`);
      if (entry?.json) lines.push(`The image's exec-form ${shown(entry)} stays and receives these words as its arguments.`);
      else if (entry) lines.push(`The image's shell-form ${shown(entry)} ignores any command: this one has no effect unless \`entrypoint\` is replaced too.`);
    } else {
      if (entry) lines.push(`Instead of ${shown(entry)}.`);
      else lines.push(`The image sets no ENTRYPOINT; its ${cmdIns ? shown(cmdIns) : 'CMD'} is not the program any more.`);
    }
  }
  const process = serviceProcess(model, service, workspace);
  if (process?.origin.kind === 'compose') {
    lines.push('', `The container runs ${code(shellLine(process.words))}.`);
    const about = describeProcess(process);
    if (about.length > 0) lines.push('', ...asParagraphs(about));
  }
  return lines.join('\n');
}
