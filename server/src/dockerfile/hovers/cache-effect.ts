// Hover topic: what keys the build cache of the COPY/ADD/RUN under the cursor and what, in this file,
// makes it re-run (domain-facts §5.1).
import type { HoverTopic, RuleContext } from '../../core/rule';
import { contextView, type ContextView } from '../context';
import { contextCopy, workdirsOf } from '../copies';
import { flag, instructionAtLine, type DfInstruction, type DockerfileModel } from '../model';
import { stageChain } from '../../stack/imageFiles';

export const cacheEffectHover: HoverTopic<DockerfileModel> = {
  id: 'cache-effect',
  kind: 'dockerfile',
  hover(model, position, context) {
    const ins = instructionAtLine(model, position.line);
    if (!ins || ins.degraded) return undefined;
    const markdown = ins.keyword === 'RUN' ? runHover(model, ins) : ins.keyword === 'COPY' || ins.keyword === 'ADD' ? copyHover(model, ins, context) : undefined;
    return markdown ? { markdown, range: ins.range } : undefined;
  },
};

function stageLabel(model: DockerfileModel, ins: DfInstruction): string {
  const stage = model.stages[ins.stage];
  if (!stage || model.stages.length < 2) return 'this stage';
  return stage.name ? `stage \`${stage.name}\`` : `stage ${stage.index + 1}`;
}

function laterCount(model: DockerfileModel, ins: DfInstruction): number {
  const stage = model.stages[ins.stage];
  return stage ? stage.instructions.filter((i) => i.index > ins.index).length : 0;
}

function copyHover(model: DockerfileModel, ins: DfInstruction, context: RuleContext): string | undefined {
  const from = flag(ins, 'from')?.value;
  const later = laterCount(model, ins);
  const rebuild = later > 0 ? `When it re-runs, ${later > 1 ? `the ${later} instructions` : 'the instruction'} after it in ${stageLabel(model, ins)} ${later > 1 ? 'rebuild' : 'rebuilds'} too.` : 'It is the last instruction of its stage.';
  if (from) {
    const lines = [`**${ins.keyword} --from=${from}** · build cache`, '', `Copies from ${/[/:]/.test(from) ? 'the image' : 'the stage'} \`${from}\`, not from the build context: it is re-run when that ${/[/:]/.test(from) ? 'image' : 'stage'}'s result changes. ${rebuild}`];
    const brings = fromStageLines(model, ins, from);
    if (brings.length > 0) lines.push('', ...brings);
    return lines.join('\n');
  }
  const copy = contextCopy(ins, workdirsOf(model)[ins.index]);
  if (!copy) return undefined;
  const count = copy.whole ? countContextFiles(contextView(model, context)) : undefined;
  const what = copy.whole
    ? `any file of the build context changes (except those \`.dockerignore\` excludes)${count === undefined ? '' : count.capped ? ` — more than ${count.files.toLocaleString('en-US')} files here` : ` — ${count.files.toLocaleString('en-US')} file${count.files === 1 ? '' : 's'} here`}`
    : `${copy.sources.map((s) => `\`${s}\``).join(', ')} ${copy.sources.length > 1 ? 'change' : 'changes'}`;
  return [
    `**${ins.keyword}** · build cache`,
    '',
    `Cached by a checksum of the files it copies: their content and metadata (mode, owner, size), not their modification time. It is re-run when ${what}.`,
    '',
    rebuild,
  ].join('\n');
}

/**
 * What a `COPY --from=<stage>` brings: each source path and the instructions of that stage that name it
 * (the RUN that builds it, or the COPY that put it there), so the reader can follow the artifact back.
 */
function fromStageLines(model: DockerfileModel, ins: DfInstruction, from: string): string[] {
  const source = /^\d+$/.test(from) ? model.stages[Number(from)] : model.stages.find((s) => s.name === from.toLowerCase() && s.index < ins.stage);
  if (!source) return [];
  const words = ins.json ?? ins.args;
  if (words.length < 2) return [];
  const dest = words[words.length - 1]!;
  const chain = stageChain(model, source.index).flatMap((s) => model.stages[s]!.instructions);
  const lines = words.slice(0, -1).map((src) => {
    const makers = chain.filter((i) => (i.keyword === 'RUN' || i.keyword === 'COPY' || i.keyword === 'ADD') && !i.degraded && src.length > 1 && namesPath(model.text.slice(i.start, i.end), src));
    const last = makers[makers.length - 1];
    return `- \`${src}\`${last ? ` — named by line ${last.startLine + 1} (${last.keyword}) of ${source.name ? `\`${source.name}\`` : `stage ${source.index + 1}`}` : ''}`;
  });
  return [`Brings into \`${dest}\`:`, ...lines];
}

/**
 * The instruction's text holds `p` as a whole path (not as part of a longer one). A plain search, not a
 * RegExp built from the path: a 900,000-character path made "Regular expression too large" (a fuzzer find).
 */
function namesPath(text: string, p: string): boolean {
  const startsPath = (ch: string | undefined) => ch === undefined || /[\s=:"'[,]/.test(ch);
  const endsPath = (ch: string | undefined) => ch === undefined || /[\s"',\]]/.test(ch);
  for (let at = text.indexOf(p); at >= 0; at = text.indexOf(p, at + 1)) {
    if (startsPath(text[at - 1]) && endsPath(text[at + p.length])) return true;
  }
  return false;
}

function runHover(model: DockerfileModel, ins: DfInstruction): string {
  const lines = [`**RUN** · build cache`, '', 'Cached by its command text and everything built before it; the files it reads or writes are not checked. Re-run only when the text changes or an earlier layer of the stage changes.'];
  const stage = model.stages[ins.stage];
  const workdirs = workdirsOf(model);
  const wholeCopy = (stage?.instructions ?? []).filter((i) => i.index < ins.index).map((i) => contextCopy(i, workdirs[i.index])).find((c) => c?.whole);
  if (wholeCopy) {
    lines.push('', `Here \`${model.text.slice(wholeCopy.ins.start, wholeCopy.ins.end).split(/\r?\n/)[0]!.trim()}\` on line ${wholeCopy.ins.startLine + 1} copies the whole build context before it, so every change to any source file re-runs this command.`);
  }
  const mounts = ins.flags.filter((f) => f.name === 'mount').map((f) => f.value ?? '');
  if (mounts.some((m) => /type=cache/.test(m))) lines.push('', 'Its `--mount=type=cache` folder persists between builds without being part of the cache key.');
  if (mounts.some((m) => /type=bind/.test(m))) lines.push('', 'Its `--mount=type=bind` files are checksummed like a COPY: changing them re-runs it.');
  return lines.join('\n');
}

const MAX_COUNTED_FILES = 10_000;

/** Files of the build context the builder receives (not excluded by .dockerignore), counted with a bound. */
function countContextFiles(view: ContextView): { files: number; capped: boolean } | undefined {
  if (!view.context || !view.entries('.')) return undefined;
  let files = 0;
  const queue = ['.'];
  while (queue.length > 0) {
    const dir = queue.shift()!;
    for (const e of view.entries(dir) ?? []) {
      const rel = dir === '.' ? e.name : `${dir}/${e.name}`;
      if (view.ignored(rel)) continue;
      if (e.isDirectory) queue.push(rel);
      else if (++files >= MAX_COUNTED_FILES) return { files, capped: true };
    }
  }
  return { files, capped: false };
}
