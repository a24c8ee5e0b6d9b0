// Inlay hint after each `${VAR}` / `$VAR` in a value: what Compose substitutes, masked for secret-looking
// names exactly like the variables hover (and revealed with the same `hover.revealSecrets` setting).
import type { InlayHintKind } from '../../core/rule';
import type { InlayHintResult } from '../../core/types';
import { mask } from '../hovers/cursor';
import { describeRef } from '../hovers/variables';
import { interpolate, type VariableRef } from '../interpolate';
import type { ComposeModel } from '../model';
import { range, scalarText, visit, type Scalar } from '../yamlTree';

const MAX_LABEL_VALUE = 40;

export const variablesHints: InlayHintKind<ComposeModel> = {
  id: 'variables',
  kind: 'compose',
  title: 'Inlay hint after each `${VAR}` / `$VAR` in a value: the value Compose substitutes (secret-looking names masked unless `docklens.hover.revealSecrets`).',
  hints(model, { revealSecrets }) {
    const out: InlayHintResult[] = [];
    if (!model.text.includes('$')) return out; // no variable anywhere: no walk of every node
    for (const doc of model.yaml.docs) {
      visit(doc, {
        Scalar(key, node) {
          if (key === 'key') return; // keys are not interpolated
          const raw = scalarText(node, doc);
          if (raw === undefined || !raw.includes('$')) return;
          out.push(...hintsFor(model, node, raw, revealSecrets));
        },
      });
    }
    return out;
  },
};

function hintsFor(model: ComposeModel, node: Scalar, raw: string, reveal: boolean): InlayHintResult[] {
  const r = range(node);
  if (!r) return [];
  const source = model.text.slice(r[0], r[1]);
  const out: InlayHintResult[] = [];
  let from = 0;
  let rawEnd = 0;
  for (const ref of interpolate(raw, model.lookup).refs) {
    // Nested refs (in a default) have offsets inside their argument: they start before the previous end.
    if (ref.start < rawEnd) continue;
    rawEnd = ref.end;
    const at = findInSource(source, raw.slice(ref.start, ref.end), from);
    if (at < 0) continue;
    from = at;
    out.push({ position: model.doc.positionAt(r[0] + at), label: label(ref, reveal), kind: 'variables', tooltip: describeRef(ref, reveal) });
  }
  return out;
}

/** End offset of `needle` in the scalar's source from `from`, skipping `$$`-escaped matches. */
function findInSource(source: string, needle: string, from: number): number {
  for (let i = source.indexOf(needle, from); i >= 0; i = source.indexOf(needle, i + 1)) {
    let dollars = 0;
    while (i - dollars - 1 >= 0 && source[i - dollars - 1] === '$') dollars++;
    if (dollars % 2 === 0) return i + needle.length;
  }
  return -1;
}

function label(ref: VariableRef, reveal: boolean): string {
  const shown = (v: string) => {
    const m = mask(ref.name, v, reveal);
    return m.length > MAX_LABEL_VALUE ? `${m.slice(0, MAX_LABEL_VALUE - 1)}…` : m;
  };
  switch (ref.resolution) {
    case 'set':
      return ref.value === '' ? '= (empty)' : `= ${shown(ref.value)}`;
    case 'default':
      return ref.value === '' ? '= (empty, default)' : `= ${shown(ref.value)} (default)`;
    case 'alternative':
      return ref.value === '' ? '= (empty, alternative)' : `= ${ref.value.length > MAX_LABEL_VALUE ? `${ref.value.slice(0, MAX_LABEL_VALUE - 1)}…` : ref.value} (alternative)`;
    case 'empty':
      return '= (empty)';
    case 'unset':
      return '= (unset)';
    case 'required':
      return '= (unset, required)';
  }
}
