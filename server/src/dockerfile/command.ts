// The command a Dockerfile's image runs (ENTRYPOINT + CMD of the final stage, or of a build target) and the
// environment its ENV lines set, as word lists for the server recognisers.
import { commandWords } from './ecosystems';
import type { DfInstruction, DockerfileModel } from './model';
import { runCommands } from './shell';

export interface ImageCommand {
  words: string[];
  /** The instruction that holds the program (for hovers and fixes). */
  ins: DfInstruction;
  env: Map<string, string>;
}

export function imageCommand(model: DockerfileModel, stageIndex = model.stages.length - 1): ImageCommand | undefined {
  const chain: number[] = [];
  for (let s: number | undefined = stageIndex; s !== undefined && chain.length < 50; s = model.stages[s]?.baseStage) chain.unshift(s);
  let entrypoint: DfInstruction | undefined;
  let cmd: DfInstruction | undefined;
  const env = new Map<string, string>();
  for (const s of chain) {
    for (const ins of model.stages[s]?.instructions ?? []) {
      if (ins.degraded) continue;
      if (ins.keyword === 'ENTRYPOINT') {
        entrypoint = ins;
        cmd = undefined; // a new ENTRYPOINT resets the CMD inherited from earlier
      } else if (ins.keyword === 'CMD') cmd = ins;
      else if (ins.keyword === 'ENV') {
        for (const a of ins.args) {
          const eq = a.indexOf('=');
          if (eq > 0) env.set(a.slice(0, eq), a.slice(eq + 1).replace(/^["']|["']$/g, ''));
        }
        if (ins.args.length >= 2 && !ins.args[0]!.includes('=')) env.set(ins.args[0]!, ins.args.slice(1).join(' '));
      }
    }
  }
  const wordsOf = (ins: DfInstruction | undefined): string[] => {
    if (!ins) return [];
    if (ins.json) return ins.json;
    const first = runCommands(model, ins)[0];
    return first ? commandWords(first).map((w) => w.value) : [];
  };
  if (entrypoint?.json) return { words: [...entrypoint.json, ...wordsOf(cmd)], ins: entrypoint.json.length > 0 ? entrypoint : cmd ?? entrypoint, env };
  if (entrypoint) return { words: wordsOf(entrypoint), ins: entrypoint, env };
  if (cmd) return { words: wordsOf(cmd), ins: cmd, env };
  return undefined;
}
