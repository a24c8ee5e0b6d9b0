// Hover topic: depends_on entries (short and long syntax): the start order, what each condition waits
// for, `required`, `restart`, and what happens when the dependency never becomes ready (domain-facts §2.4).
import type { HoverTopic } from '../../core/rule';
import { formatDuration } from '../duration';
import { timeline } from '../healthTimeline';
import type { ComposeModel, DependsOnEntry, ServiceModel } from '../model';
import { fileLabel, fromFile } from '../project';
import { code, cursorAt, nodeRange } from './cursor';
import * as path from 'node:path';
import type { WorkspaceView } from '../../core/workspace';
import { effectiveHealth } from '../../stack/effectiveHealth';
import { imageHealthcheck } from '../../stack/imageHealthcheck';
import { knownWithoutHealthcheck } from '../../stack/knownWithoutHealthcheck';

export const dependsOnHover: HoverTopic<ComposeModel> = {
  id: 'depends-on',
  kind: 'compose',
  hover(model, position, context) {
    const cursor = cursorAt(model, position);
    const service = cursor?.service;
    if (!cursor || !service || cursor.path[2] !== 'depends_on') return undefined;
    const target = cursor.path[3];
    const dep = typeof target === 'number' ? service.dependsOn[target] : service.dependsOn.find((d) => d.name === target);
    if (dep) return { markdown: dependencyMarkdown(model, service, dep, context.workspace), range: nodeRange(model, cursor.node) };
    if (cursor.path.length === 3) return { markdown: service.dependsOn.map((d) => dependencyMarkdown(model, service, d, context.workspace)).join('\n\n---\n\n'), range: nodeRange(model, cursor.node) };
    return undefined;
  },
};

function dependencyMarkdown(model: ComposeModel, service: ServiceModel, dep: DependsOnEntry, workspace: WorkspaceView): string {
  const target = model.related().service(dep.name);
  const lines = [`**${code(service.name)} depends on ${code(dep.name)}** · ${code(dep.condition)}${dep.long ? '' : ' (short syntax)'}`, ''];
  if (!target) lines.push(`No service ${code(dep.name)} in this project's files: Compose stops with "service \\"${service.name}\\" depends on undefined service \\"${dep.name}\\"".`, '');
  else if (!model.serviceByName.has(dep.name)) lines.push(`${code(dep.name)} is defined in ${code(fileLabel(target.layers[target.layers.length - 1]!.file, model))}.`, '');
  lines.push(`Compose creates and starts ${code(dep.name)} before ${code(service.name)}, and stops it after.`);
  switch (dep.condition) {
    case 'service_started':
      lines.push(`It waits only until the container is **running**, not until the program inside is ready to accept connections: ${code(service.name)} should retry, or use \`condition: service_healthy\` with a healthcheck.`);
      break;
    case 'service_healthy': {
      // The image's HEALTHCHECK of a service of this file, which compose's fills in or stands for.
      const local = model.serviceByName.get(dep.name);
      const image = local ? imageHealthcheck(model, local, workspace) : undefined;
      const own = target?.healthcheck?.value;
      const health = effectiveHealth(own, image);
      const where = image ? `${path.basename(image.dockerfilePath)} line ${image.ins.startLine + 1}` : '';
      const noHealthcheck = '`up` fails with "dependency failed to start: container … has no healthcheck configured".';
      if (health.kind === 'disabled') {
        lines.push(
          own
            ? `It waits until ${code(dep.name)} reports **healthy**, but its healthcheck${fromFile(target!.healthcheck!.file, model)} is disabled (no probe runs): ${noHealthcheck}`
            : `It waits until ${code(dep.name)} reports **healthy**, but its image disables the healthcheck (\`HEALTHCHECK NONE\`, ${where}) and the project gives it none: ${noHealthcheck}`,
        );
      } else if (health.kind === 'probe') {
        const t = timeline(health.params);
        const whose = health.source === 'image' ? ` (the image's \`HEALTHCHECK\`, ${where})` : fromFile(target!.healthcheck!.file, model);
        lines.push(`It waits until ${code(dep.name)}'s healthcheck${whose} reports **healthy**: ≈ ${formatDuration(t.earliestHealthy)} after it starts at the earliest; if it turns unhealthy (≈ ${formatDuration(t.unhealthyFailingFast)}–${formatDuration(t.unhealthyHanging)} of failing probes), \`up\` fails with "dependency failed to start: container … is unhealthy".`);
      } else {
        // What the rule healthcheck-missing-for-dependency knows; otherwise the image may have one.
        const known = target && knownWithoutHealthcheck(target, workspace);
        if (known) lines.push(`It waits until ${code(dep.name)} reports **healthy**, but ${code(dep.name)} has no healthcheck (none in the compose files, ${known}): ${noHealthcheck}`);
        else lines.push(`It waits until ${code(dep.name)} reports **healthy**, which needs a healthcheck: ${target ? `the project gives it none, so the image must have a \`HEALTHCHECK\`; otherwise ${noHealthcheck}` : 'defined where that service is.'}`);
      }
      break;
    }
    case 'service_completed_successfully':
      lines.push(`It waits until ${code(dep.name)} has **exited with code 0** (a one-off job such as a migration); a non-zero exit stops \`up\` with "service \\"${dep.name}\\" didn't complete successfully".`);
      break;
    default:
      lines.push(`${code(dep.condition)} is not a condition Compose knows (\`service_started\`, \`service_healthy\`, \`service_completed_successfully\`).`);
  }
  if (!dep.required) lines.push('', '`required: false`: if it cannot be started, Compose only warns and starts this service anyway.');
  if (dep.restart) lines.push('', `\`restart: true\`: when Compose restarts or updates ${code(dep.name)} (e.g. \`docker compose restart ${dep.name}\`), it restarts ${code(service.name)} too; crashes restarted by the engine do not count.`);
  return lines.join('\n');
}
