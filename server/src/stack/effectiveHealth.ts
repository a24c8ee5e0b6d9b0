// What health checking a service gets once compose's healthcheck (merged across the project's files) and
// its image's HEALTHCHECK are put together: disabled, a probe with its timings (unset fields from the image,
// then the engine defaults; domain-facts §2.2, §2.3), or none that docklens can see. The healthcheck and
// depends_on hovers, the service hover, the inlay hint and the stack overview all start from this.
import { withDefaults, type HealthParams } from '../compose/healthTimeline';
import type { HealthcheckModel } from '../compose/model';
import { isSeq, items, scalarText } from '../compose/yamlTree';
import { withImageValues, type ImageHealthcheck } from './imageHealthcheck';

export type EffectiveHealth =
  | { kind: 'disabled' }
  | { kind: 'probe'; source: 'compose' | 'image'; params: HealthParams }
  /** None in the project, none in a Dockerfile docklens read: the image may still have one. */
  | { kind: 'absent' };

export function effectiveHealth(own: HealthcheckModel | undefined, image: ImageHealthcheck | undefined): EffectiveHealth {
  if (healthcheckDisabled(own, image)) return { kind: 'disabled' };
  if (own) return { kind: 'probe', source: 'compose', params: withDefaults(withImageValues(own, image).value) };
  if (image) return { kind: 'probe', source: 'image', params: withDefaults(image.params) };
  return { kind: 'absent' };
}

/**
 * Whether no probe runs: `disable: true`, `test: ["NONE"]`, or no `test` of its own and the image's
 * `HEALTHCHECK NONE` (domain-facts §2.1, §2.3). `own` is compose's healthcheck, if any, merged or not with
 * the image's values (they never supply `test`).
 */
export function healthcheckDisabled(own: HealthcheckModel | undefined, image: ImageHealthcheck | undefined): boolean {
  if (!own) return image?.none === true;
  if (own.disable || (!own.test && image?.none)) return true;
  return isSeq(own.test) && scalarText(items(own.test, own.doc)[0], own.doc) === 'NONE';
}
