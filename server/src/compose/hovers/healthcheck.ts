// Hover topic: a service's healthcheck as a timeline computed from its values or the engine defaults,
// the test form, and which services wait on it (domain-facts §2).
import type { HoverTopic } from '../../core/rule';
import { formatDuration } from '../duration';
import { ENGINE_DEFAULTS, timeline, withDefaults } from '../healthTimeline';
import { interpolate } from '../interpolate';
import type { ComposeModel, HealthcheckModel, ServiceModel } from '../model';
import { isScalar, items, scalarText } from '../yamlTree';
import { fileLabel } from '../project';
import * as path from 'node:path';
import { effectiveHealth } from '../../stack/effectiveHealth';
import { imageHealthcheck, withImageValues, type ImageHealthcheck } from '../../stack/imageHealthcheck';
import { code, cursorAt, nodeRange } from './cursor';

export const healthcheckHover: HoverTopic<ComposeModel> = {
  id: 'healthcheck',
  kind: 'compose',
  hover(model, position, context) {
    const cursor = cursorAt(model, position);
    const service = cursor?.service;
    if (!cursor || !service?.healthcheck || cursor.path[2] !== 'healthcheck') return undefined;
    const { value, merged } = effectiveHealthcheck(model, service, service.healthcheck);
    const image = imageHealthcheck(model, service, context.workspace);
    const markdown = healthcheckMarkdown(model, service, value, image);
    return {
      markdown: merged ? `${markdown}\n\nMerged with the healthcheck in ${code(fileLabel(merged.file, model))}.` : markdown,
      concise: () => healthcheckSummary(model, service, value, image),
      range: nodeRange(model, cursor.node),
    };
  },
};

/**
 * The healthcheck whose timeline the hover (and the inlay hint) shows: base and override definitions
 * merge field by field, so it uses the merged values when another file of the project adds to it.
 */
export function effectiveHealthcheck(model: ComposeModel, service: ServiceModel, own: HealthcheckModel) {
  const effective = model.related().service(service.name)?.healthcheck;
  const merged = effective && effective.value !== own ? effective : undefined;
  return { value: merged?.value ?? own, merged };
}

/** A timeline moment as the hover writes it (`never` when the loop never gets there). */
export const fmt = (ms: number) => (Number.isFinite(ms) ? formatDuration(ms) : 'never');

export function healthcheckMarkdown(model: ComposeModel, service: ServiceModel, own: HealthcheckModel, image?: ImageHealthcheck): string {
  const lines = [`**Healthcheck** (${code(service.name)})`, ''];
  const test = describeTest(model, own);
  const where = image ? `${path.basename(image.dockerfilePath)} line ${image.ins.startLine + 1}` : '';
  if (own.disable || test.disabled) {
    lines.push(`Disabled${own.disable ? ' (`disable: true`)' : ' (`test: ["NONE"]`)'}: no probe runs, not even a \`HEALTHCHECK\` from the image. \`depends_on\` with \`service_healthy\` on this service fails: "container … has no healthcheck configured".`);
    return lines.join('\n');
  }
  if (!own.test && image?.none) {
    lines.push(`No \`test\` here, and the image's \`HEALTHCHECK NONE\` (${where}) disables the check it would inherit: no probe runs. \`depends_on\` with \`service_healthy\` on this service fails: "container … has no healthcheck configured".`);
    return lines.join('\n');
  }
  lines.push(!own.test && image ? `No \`test\`: the image's probe ${code(image.command)} (${where}) runs, with these timings.` : test.text, '');
  if (image) {
    lines.push(
      image.none
        ? `Replaces the image's \`HEALTHCHECK NONE\` (${where}).`
        : `Overrides the image's \`HEALTHCHECK\` (${where}) field by field: what is not set here comes from it, the rest from the engine defaults.`,
      '',
    );
  }
  const { value: hc, inherited } = withImageValues(own, image);
  const p = withDefaults(hc);
  const t = timeline(p);
  const legacy = timeline(p, 'legacy');
  const setting = (field: string, v: number | undefined, d: number, show = formatDuration) =>
    v === undefined ? `${show(d)} (default)` : inherited.has(field) ? `${show(v)} (from the image)` : show(v);
  lines.push(
    `Timings: interval ${setting('interval', hc.interval, ENGINE_DEFAULTS.interval)}, timeout ${setting('timeout', hc.timeout, ENGINE_DEFAULTS.timeout)}, retries ${setting('retries', hc.retries, ENGINE_DEFAULTS.retries, String)}, start_period ${setting('startPeriod', hc.startPeriod, ENGINE_DEFAULTS.startPeriod)}${p.startPeriod > 0 ? `, start_interval ${setting('startInterval', hc.startInterval, ENGINE_DEFAULTS.startInterval)}` : ''}.`,
    '',
    `- **First probe** ${fmt(t.firstProbe)} after the container starts${p.startPeriod === 0 && hc.startInterval !== undefined ? ' (`start_interval` only applies during a `start_period`, which is 0 here)' : ''}.`,
    `- **Earliest healthy**: ≈ ${fmt(t.earliestHealthy)} (the first probe succeeds).`,
  );
  if (p.startPeriod > 0) lines.push(`- **Start period** ${formatDuration(p.startPeriod)}: failing probes that start before it ends do not count; one success ends it.`);
  lines.push(
    `- **Unhealthy** after ${p.retries} counted failures: ≈ ${fmt(t.unhealthyFailingFast)} if the probe fails at once, ≈ ${fmt(t.unhealthyHanging)} if it hangs until its ${formatDuration(p.timeout)} timeout (each wait runs from the end of one probe to the start of the next).`,
  );
  if (legacy.firstProbe !== t.firstProbe || legacy.unhealthyFailingFast !== t.unhealthyFailingFast || legacy.unhealthyHanging !== t.unhealthyHanging) {
    lines.push(`- Modelled on the current Docker Engine; engines before its start-period adjustment give first probe ${fmt(legacy.firstProbe)}, unhealthy ≈ ${fmt(legacy.unhealthyFailingFast)} / ${fmt(legacy.unhealthyHanging)}.`);
  }
  const waiting = model.related().dependents(service.name).filter((d) => d.condition === 'service_healthy').map((d) => d.service);
  lines.push('');
  if (waiting.length > 0) {
    lines.push(
      `Waiting on it (\`service_healthy\`): ${waiting.map((s) => code(s.name)).join(', ')} — ${waiting.length > 1 ? 'they start' : 'it starts'} ≈ ${fmt(t.earliestHealthy)} after ${code(service.name)} at the earliest; if it turns unhealthy, \`docker compose up\` fails with "dependency failed to start: container … is unhealthy".`,
    );
  } else {
    lines.push('No service waits on it with `condition: service_healthy`; the status shows in `docker compose ps` and `up --wait`.');
  }
  lines.push('An unhealthy container is not restarted by the engine.');
  return lines.join('\n');
}

/** `docklens.hover.detail: concise`: the probe, when it is healthy at the earliest and unhealthy, who waits. */
function healthcheckSummary(model: ComposeModel, service: ServiceModel, own: HealthcheckModel, image?: ImageHealthcheck): string | undefined {
  const health = effectiveHealth(own, image);
  if (health.kind !== 'probe') return undefined; // disabled: the short text is the summary already
  const test = describeTest(model, own);
  const probe = own.test ? test.text.slice(0, test.text.indexOf('; exit 0')) : image ? `The image's probe ${code(image.command)}` : "The image's own probe";
  const t = timeline(health.params);
  const waiting = model.related().dependents(service.name).filter((d) => d.condition === 'service_healthy').map((d) => code(d.service.name));
  return [
    `**Healthcheck** (${code(service.name)})`,
    '',
    `${probe}. Healthy ≈ ${fmt(t.earliestHealthy)} after the start at the earliest; unhealthy after ≈ ${fmt(t.unhealthyFailingFast)} (probe failing) to ≈ ${fmt(t.unhealthyHanging)} (probe hanging).${waiting.length > 0 ? ` Waited on by ${waiting.join(', ')}.` : ''}`,
  ].join('\n');
}

export function describeTest(model: ComposeModel, hc: HealthcheckModel): { text: string; disabled: boolean } {
  const node = hc.test;
  if (!node) return { text: 'No `test`: the image\'s own `HEALTHCHECK` command runs, with these timings.', disabled: false };
  const d = hc.doc;
  let form: string;
  let command: string;
  if (isScalar(node)) {
    form = 'CMD-SHELL';
    command = scalarText(node, d) ?? '';
  } else {
    const words = items(node, d).map((n) => scalarText(n, d) ?? '');
    form = words[0] ?? '';
    if (form === 'NONE') return { text: '', disabled: true };
    command = form === 'CMD-SHELL' ? words.slice(1).join(' ') : words.slice(1).map((w) => (/\s/.test(w) ? JSON.stringify(w) : w)).join(' ');
  }
  const how =
    form === 'CMD'
      ? 'runs directly (exec form, no shell)'
      : form === 'CMD-SHELL'
        ? "runs in the container's default shell (`/bin/sh -c`)"
        : `has an unknown type ${code(form)} (Compose expects \`CMD\`, \`CMD-SHELL\` or \`NONE\`)`;
  const lines = [`Probe ${code(command)} ${how}; exit 0 = healthy.`];
  const interpolated = interpolate(command, model.lookup);
  if (interpolated.refs.length > 0) {
    const names = [...new Set(interpolated.refs.map((r) => r.name))];
    lines.push(
      `${names.map((n) => code('$' + n)).join(', ')} ${names.length > 1 ? 'are' : 'is'} replaced by Compose when it loads the file (from \`.env\` or your shell), not by the container — the probe runs ${code(interpolated.value)}. Write ${code('$$' + names[0])} to let the container's shell expand it.`,
    );
  }
  return { text: lines.join(' '), disabled: false };
}
