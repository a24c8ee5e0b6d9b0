// Hover topic: a service's name: the service at a glance, from this file and the files it reaches: where
// its image comes from, what it runs and where that listens, what it publishes, where its data lives and
// what survives `down`, whom it waits for and who waits for it, and its healthcheck timeline. Each line
// sums up what the hover on that key explains in full.
import * as path from 'node:path';
import type { HoverTopic } from '../../core/rule';
import type { WorkspaceView } from '../../core/workspace';
import { listenText } from '../../stack/describeProcess';
import { serviceProcess } from '../../stack/serviceProcess';
import { shellLine } from '../../stack/shellWords';
import { timeline } from '../healthTimeline';
import type { ComposeModel, ServiceModel } from '../model';
import { formatRange } from '../ports';
import { code, cursorAt, nodeRange } from './cursor';
import { effectiveHealthcheck, fmt } from './healthcheck';
import { effectiveHealth } from '../../stack/effectiveHealth';
import { imageHealthcheck } from '../../stack/imageHealthcheck';
import { realVolumeName } from './volumes';

export const serviceHover: HoverTopic<ComposeModel> = {
  id: 'service',
  kind: 'compose',
  hover(model, position, context) {
    const cursor = cursorAt(model, position);
    const service = cursor?.service;
    if (!cursor || !service || cursor.path.length !== 2 || !cursor.onKey) return undefined;
    return { markdown: serviceMarkdown(model, service, context.workspace), range: nodeRange(model, service.keyNode) };
  },
};

function serviceMarkdown(model: ComposeModel, service: ServiceModel, workspace: WorkspaceView): string {
  const lines = [`**Service ${code(service.name)}** · container ${code(service.containerName?.interpolated.value ?? `${model.project.name}-${service.name}-1`)}`, ''];
  lines.push(`- Image: ${imageText(service)}.`);
  const process = serviceProcess(model, service, workspace);
  if (process) {
    const from = process.origin.kind === 'compose' ? `its \`${process.origin.key}\`` : `${path.basename(process.image?.dockerfilePath ?? 'Dockerfile')} line ${process.origin.ins.startLine + 1}`;
    const server = process.server ? `: ${process.server.label} on ${listenText(process.server)}` : '';
    lines.push(`- Runs ${code(shellLine(process.words))} (${from})${server}.`);
  }
  lines.push(`- ${portsText(service)}`);
  for (const mount of service.volumes) {
    const spec = mount.spec;
    if (!spec) continue;
    if (spec.type === 'volume') {
      const external = model.related().resource('volumes', spec.source ?? '')?.decl?.external;
      lines.push(`- Data: named volume ${code(spec.source ?? '')} (${code(realVolumeName(model, spec.source ?? ''))}) at ${code(spec.target)}: survives \`down\`${external ? '; external, never removed by Compose' : ', deleted by `down -v`'}.`);
    } else if (spec.type === 'bind') lines.push(`- Files: bind mount ${code(spec.source ?? '')} at ${code(spec.target)}: your folder, never touched by \`down\`.`);
    else if (spec.type === 'anonymous') lines.push(`- Anonymous volume at ${code(spec.target)}: a new one after \`down\`, without its data.`);
    else if (spec.type === 'tmpfs') lines.push(`- tmpfs at ${code(spec.target)}: in memory only.`);
  }
  if (service.dependsOn.length > 0) lines.push(`- Starts after ${service.dependsOn.map((d) => `${code(d.name)} (${conditionText(d.condition)})`).join(', ')}.`);
  const waiters = model.services.flatMap((s) => s.dependsOn.filter((d) => d.name === service.name).map((d) => `${code(s.name)} (${conditionText(d.condition)})`));
  if (waiters.length > 0) lines.push(`- Waited for by ${waiters.join(', ')}.`);
  const health = healthText(model, service, workspace);
  if (health) lines.push(`- ${health}`);
  lines.push('', 'Hover each key for the details.');
  return lines.join('\n');
}

/** The healthcheck in one line: compose's (with what it inherits from the image's) or the image's alone. */
function healthText(model: ComposeModel, service: ServiceModel, workspace: WorkspaceView): string | undefined {
  const image = imageHealthcheck(model, service, workspace);
  const own = service.healthcheck && effectiveHealthcheck(model, service, service.healthcheck).value;
  const from = image ? ` (${path.basename(image.dockerfilePath)} line ${image.ins.startLine + 1})` : '';
  const health = effectiveHealth(own, image);
  if (health.kind === 'absent') return undefined;
  if (health.kind === 'disabled') return `Healthcheck disabled${!own && image ? ` by the image${from}` : ''}.`;
  const t = timeline(health.params);
  return `Healthcheck${own ? '' : ` from the image${from}`}: healthy ≥ ${fmt(t.earliestHealthy)} after start; unhealthy ≈ ${fmt(t.unhealthyFailingFast)}–${fmt(t.unhealthyHanging)} if it keeps failing.`;
}

function imageText(service: ServiceModel): string {
  const build = service.build;
  if (build) {
    const context = build.context?.interpolated.value ?? '.';
    const dockerfile = build.dockerfile?.interpolated.value;
    return `built from ${code(context)}${dockerfile ? ` with ${code(dockerfile)}` : ''}${build.target ? `, stage ${code(build.target.interpolated.value)}` : ''}${service.image ? `, tagged ${code(service.image.interpolated.value)}` : ''}`;
  }
  return service.image ? code(service.image.interpolated.value) : 'none given';
}

function portsText(service: ServiceModel): string {
  const published = service.ports.flatMap((p) => (p.parse.ok ? [p.parse.spec] : []));
  if (published.length === 0) return 'Publishes no ports: other services reach it by its name on the project network.';
  const items = published.map((s) => `${s.published ? formatRange(s.published) : '(random)'} → ${formatRange(s.target)}${s.protocol !== 'tcp' ? `/${s.protocol}` : ''}`);
  return `Publishes host → container ${items.map(code).join(', ')}; other services use ${code(`${service.name}:<container port>`)}.`;
}

/** A depends_on condition in one word (`service_healthy` → `healthy`); an unknown one as written. */
export function conditionText(condition: string): string {
  return condition === 'service_healthy' ? 'healthy' : condition === 'service_completed_successfully' ? 'completed' : condition === 'service_started' ? 'started' : condition;
}
