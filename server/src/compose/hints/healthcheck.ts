// Inlay hint after a service's `healthcheck:` key: earliest healthy and when it turns unhealthy, the same
// figures as the healthcheck hover (healthTimeline.ts with the merged values of the project's files).
import type { InlayHintKind } from '../../core/rule';
import type { InlayHintResult } from '../../core/types';
import { formatDuration } from '../duration';
import { timeline } from '../healthTimeline';
import { effectiveHealthcheck, fmt } from '../hovers/healthcheck';
import type { ComposeModel } from '../model';
import { lineEnd, onePerPosition, within } from './place';
import { range } from '../yamlTree';
import { effectiveHealth } from '../../stack/effectiveHealth';
import { imageHealthcheck } from '../../stack/imageHealthcheck';

export const healthcheckHints: InlayHintKind<ComposeModel> = {
  id: 'healthcheck',
  kind: 'compose',
  title: 'Inlay hint after `healthcheck:`: when the service is healthy at the earliest and when a failing probe makes it unhealthy.',
  hints(model, context) {
    const out: InlayHintResult[] = [];
    for (const service of model.services) {
      const own = service.healthcheck;
      if (!own || !within(own.keyNode, service.node)) continue;
      const image = imageHealthcheck(model, service, context.workspace);
      const health = effectiveHealth(effectiveHealthcheck(model, service, own).value, image);
      const position = lineEnd(model, range(own.keyNode)?.[0] ?? 0);
      if (health.kind !== 'probe') {
        out.push({ position, label: 'disabled: no probe runs', kind: 'healthcheck' });
        continue;
      }
      const p = health.params;
      const t = timeline(p);
      const unhealthy = t.unhealthyFailingFast === t.unhealthyHanging ? `≈ ${fmt(t.unhealthyFailingFast)}` : `≈ ${fmt(t.unhealthyFailingFast)}–${fmt(t.unhealthyHanging)}`;
      out.push({
        position,
        label: `healthy ≥ ${fmt(t.earliestHealthy)}, unhealthy ${unhealthy} if failing`,
        kind: 'healthcheck',
        tooltip:
          `Earliest healthy ≈ ${fmt(t.earliestHealthy)} after the container starts (the first probe succeeds). ` +
          `Unhealthy after ${p.retries} counted failures: ≈ ${fmt(t.unhealthyFailingFast)} if the probe fails at once, ≈ ${fmt(t.unhealthyHanging)} if it hangs until its ${formatDuration(p.timeout)} timeout. ` +
          'Hover `healthcheck` for the whole timeline.',
      });
    }
    return onePerPosition(out);
  },
};
