// Go to definition in a Dockerfile: `COPY --from=<stage>` and `FROM <stage>` to that stage's FROM, and a
// `$VAR` / `${VAR}` to the ARG or ENV that declares it (the last one before it in the stage, else a
// global ARG before the first FROM).
import type { FileLocation, Position } from '../../core/types';
import { flag, instructionAtLine, type DfInstruction, type DockerfileModel } from '../model';

export function dockerfileDefinition(model: DockerfileModel, position: Position): FileLocation[] {
  const ins = instructionAtLine(model, position.line);
  if (!ins || ins.degraded) return [];
  const offset = model.doc.offsetAt(position);
  const stageRef = stageReference(model, ins, offset);
  if (stageRef !== undefined) {
    const stage = model.stages.find((s) => s.name === stageRef.toLowerCase() && s.from.index < ins.index);
    return stage ? [{ range: stage.from.range }] : [];
  }
  const variable = variableAt(model.text, offset, ins);
  if (!variable) return [];
  const declaration = declarationOf(model, ins, variable);
  return declaration ? [{ range: declaration.range }] : [];
}

function stageReference(model: DockerfileModel, ins: DfInstruction, offset: number): string | undefined {
  const from = flag(ins, 'from');
  if (from && offset >= from.start && offset <= from.end) return from.value ?? undefined;
  if (ins.keyword === 'FROM') {
    const image = ins.args[0];
    const start = ins.argsStart;
    if (image && offset >= start && offset <= start + image.length && model.stages.some((s) => s.name === image.toLowerCase())) return image;
  }
  return undefined;
}

function variableAt(text: string, offset: number, ins: DfInstruction): string | undefined {
  const re = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/g;
  const slice = text.slice(ins.start, ins.end);
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    const start = ins.start + m.index;
    if (offset >= start && offset <= start + m[0].length) return m[1];
  }
  return undefined;
}

function declarationOf(model: DockerfileModel, ins: DfInstruction, name: string): DfInstruction | undefined {
  const declares = (i: DfInstruction) =>
    (i.keyword === 'ARG' || i.keyword === 'ENV') && i.args.some((a) => a === name || a.startsWith(`${name}=`)) ;
  for (let i = ins.index - 1; i >= 0; i--) {
    const candidate = model.instructions[i]!;
    if (candidate.stage !== ins.stage && candidate.stage !== -1) continue;
    if (declares(candidate)) return candidate;
  }
  return undefined;
}
