// Hover topic: a service's volume entry (short or long syntax) or a top-level volume declaration: the kind
// of mount, the real volume name or host path, what survives `down`, `down -v` and recreation, and for
// well-known databases whether it covers the data directory (domain-facts §3, §4).
import * as path from 'node:path';
import type { HoverTopic } from '../../core/rule';
import { isUnder } from '../../dockerfile/copies';
import { statefulImage } from '../images';
import type { ComposeModel, MountEntry, ServiceModel } from '../model';
import type { MountSpec } from '../mounts';
import { fileLabel } from '../project';
import { conciseMarkdown } from '../../core/concise';
import { code, cursorAt, nodeRange } from './cursor';
import { ANONYMOUS_VOLUME_FATE } from '../../stack/anonymousVolume';

export const volumesHover: HoverTopic<ComposeModel> = {
  id: 'volumes',
  kind: 'compose',
  hover(model, position) {
    const cursor = cursorAt(model, position);
    if (!cursor) return undefined;
    const [top, name, section, index] = cursor.path;
    if (top === 'volumes' && typeof name === 'string' && cursor.path.length >= 2) {
      return { markdown: declarationMarkdown(model, name), concise: () => declarationSummary(model, name), range: nodeRange(model, cursor.node) };
    }
    const service = cursor.service;
    if (service && section === 'volumes' && cursor.path.length === 3 && cursor.onKey) {
      const specs = service.volumes.flatMap((m) => (m.spec ? [m.spec] : []));
      const all = specs.map((spec) => mountMarkdown(model, service, spec));
      return {
        markdown: all.join('\n\n---\n\n') || '`volumes`: none mounted.',
        concise: () => specs.map((spec, i) => mountSummary(model, service, spec, all[i]!)).join('\n\n') || '`volumes`: none mounted.',
        range: nodeRange(model, cursor.node),
      };
    }
    if (service && section === 'volumes' && typeof index === 'number') {
      const mount = service.volumes[index];
      if (!mount?.spec) return undefined;
      const markdown = mountMarkdown(model, service, mount.spec);
      return { markdown, concise: () => mountSummary(model, service, mount.spec!, markdown), range: nodeRange(model, mount.node) };
    }
    if (service && section === 'tmpfs') {
      return { markdown: `**tmpfs** (${code(service.name)})\n\nA memory-backed folder: nothing written there survives the container stopping, and it never touches the disk.`, range: nodeRange(model, cursor.node) };
    }
    return undefined;
  },
};

export function realVolumeName(model: ComposeModel, key: string): string {
  const decl = model.related().resource('volumes', key)?.decl;
  if (decl?.explicitName) return decl.explicitName;
  if (decl?.external) return key;
  return `${model.project.name}_${key}`;
}

function mountMarkdown(model: ComposeModel, service: ServiceModel, spec: MountSpec): string {
  const mode = spec.readOnly ? ' (read-only)' : '';
  const lines: string[] = [];
  switch (spec.type) {
    case 'volume': {
      const key = spec.source ?? '';
      const found = model.related().resource('volumes', key);
      const decl = found?.decl;
      const real = realVolumeName(model, key);
      lines.push(`**Named volume ${code(key)}** → ${code(spec.target)}${mode} (${code(service.name)})`, '');
      if (!decl) lines.push(`Not declared under a top-level \`volumes:\` of this project: Compose refuses the file ("service \\"${service.name}\\" refers to undefined volume ${key}").`, '');
      else if (found.file.model !== model) lines.push(`Declared in ${code(fileLabel(found.file, model))}.`, '');
      lines.push(
        `- Real name ${code(real)}${decl?.external ? ' (external: created outside Compose, never removed by it)' : decl?.explicitName ? ' (from `name:`, not prefixed with the project)' : ` (\`<project>_<key>\`, project ${code(model.project.name)})`}.`,
        `- Survives \`docker compose down\`, \`up\` after a recreate, and image updates.${decl?.external ? '' : ' Deleted by `docker compose down -v` and by `docker volume rm ' + real + '`.'}`,
        `- When empty, it is first filled with what the image has at ${code(spec.target)}${spec.options.includes('nocopy') ? ' — except here: `nocopy` is set' : ''}.`,
      );
      break;
    }
    case 'bind': {
      const host = hostPath(model, spec.source ?? '');
      lines.push(
        `**Bind mount** ${code(spec.source ?? '')} → ${code(spec.target)}${mode} (${code(service.name)})`,
        '',
        `- Host path ${code(host)}${model.filePath && !path.isAbsolute(spec.source ?? '') ? ' (relative paths start at the compose file\'s folder)' : ''}.`,
        `- Hides whatever the image has at ${code(spec.target)}: the container sees your files instead.`,
        '- Lives on your disk: `docker compose down` and `down -v` never touch it.',
      );
      if (spec.syntax === 'short') lines.push('- Created as an empty folder if it does not exist (short syntax).');
      break;
    }
    case 'anonymous':
      lines.push(
        `**Anonymous volume** at ${code(spec.target)} (${code(service.name)})`,
        '',
        '- A volume with a random name, unique to this container.',
        `- ${ANONYMOUS_VOLUME_FATE}: data kept only here is effectively lost. \`down -v\` removes it.`,
      );
      break;
    case 'tmpfs':
      lines.push(`**tmpfs** at ${code(spec.target)} (${code(service.name)})`, '', 'In memory only: gone when the container stops.');
      break;
    default:
      lines.push(`**${spec.type} mount** ${spec.source ? code(spec.source) + ' ' : ''}→ ${code(spec.target)} (${code(service.name)})`);
  }
  if (spec.options.length > 0) lines.push(`- Options: ${spec.options.map(code).join(', ')}.`);
  const shared = spec.type === 'volume' || spec.type === 'bind' ? sharedWith(model, service, spec) : [];
  if (shared.length > 0) lines.push(`- Also mounted by ${shared.map(code).join(', ')}.`);
  const data = dataDirNote(service, spec);
  if (data) lines.push('', data);
  return lines.join('\n');
}

/**
 * `docklens.hover.detail: concise`: the title and what survives `down` (and whether it holds the data
 * directory). `full` is the mount's detailed hover, already computed.
 */
function mountSummary(model: ComposeModel, service: ServiceModel, spec: MountSpec, full: string): string {
  const title = full.slice(0, full.indexOf('\n') < 0 ? undefined : full.indexOf('\n'));
  let fate: string;
  switch (spec.type) {
    case 'volume': {
      const decl = model.related().resource('volumes', spec.source ?? '')?.decl;
      if (!decl) return conciseMarkdown(full);
      fate = `Real name ${code(realVolumeName(model, spec.source ?? ''))}; survives \`docker compose down\`${decl.external ? ' (external)' : ', deleted by `down -v`'}.`;
      break;
    }
    case 'bind':
      fate = `Host path ${code(hostPath(model, spec.source ?? ''))}; \`down\` and \`down -v\` never touch it.`;
      break;
    case 'anonymous':
      fate = 'After `docker compose down` the next `up` creates a new one (the old one is not re-attached), holding only what the image has at that path: its data is effectively lost.';
      break;
    case 'tmpfs':
      fate = 'In memory only: gone when the container stops.';
      break;
    default:
      return title;
  }
  const data = dataDirNote(service, spec);
  const dataFirst = data ? ` ${data.split(/(?<=\.)\s/)[0]}` : '';
  return `${title}\n\n${fate}${dataFirst}`;
}

function declarationSummary(model: ComposeModel, key: string): string {
  const decl = model.volumes.get(key);
  const real = realVolumeName(model, key);
  const users = model.services.filter((s) => s.volumes.some((m) => m.spec?.type === 'volume' && m.spec.source === key));
  const usedBy = users.length > 0 ? `Used by ${users.map((s) => code(s.name)).join(', ')}.` : 'No service mounts it.';
  const fate = decl?.external ? 'External: Compose never creates or removes it.' : 'Survives `docker compose down`; deleted by `down -v`.';
  return `**Volume ${code(key)}** · real name ${code(real)}\n\n${fate} ${usedBy}`;
}

function hostPath(model: ComposeModel, source: string): string {
  if (!model.filePath) return source;
  if (source.startsWith('~')) return source;
  return path.resolve(path.dirname(model.filePath), source);
}

function sharedWith(model: ComposeModel, self: ServiceModel, spec: MountSpec): string[] {
  const key = spec.type === 'bind' ? hostPath(model, spec.source ?? '') : spec.source;
  return model.services
    .filter((s) => s !== self)
    .filter((s) => s.volumes.some((m: MountEntry) => m.spec?.type === spec.type && (spec.type === 'bind' ? hostPath(model, m.spec.source ?? '') : m.spec.source) === key))
    .map((s) => s.name);
}

function serviceEnv(service: ServiceModel): (name: string) => string | undefined {
  return (name) => service.environment.find((e) => e.name === name)?.value;
}

function dataDirNote(service: ServiceModel, spec: MountSpec): string | undefined {
  if (!service.image) return undefined;
  const known = statefulImage(service.image.interpolated.value, serviceEnv(service));
  if (!known || !known.image.dataDir) return undefined;
  const { image } = known;
  const covers = isUnder(image.dataDir, spec.target);
  const persistent = spec.type === 'volume' || spec.type === 'bind';
  let text: string;
  if (covers) {
    text = `Covers the ${image.label} data directory ${code(image.dataDir)}${persistent ? '' : ', but this kind of mount does not keep it'}.`;
  } else if (isUnder(spec.target, image.dataDir)) {
    text = `Mounted inside the ${image.label} data directory ${code(image.dataDir)}, not at it.`;
  } else {
    return undefined; // unrelated to the data directory (an init script, a config file)
  }
  return image.note ? `${text} ${image.note}` : text;
}

function declarationMarkdown(model: ComposeModel, key: string): string {
  const decl = model.volumes.get(key);
  const real = realVolumeName(model, key);
  const users = model.services.filter((s) => s.volumes.some((m) => m.spec?.type === 'volume' && m.spec.source === key));
  const lines = [`**Volume ${code(key)}** · real name ${code(real)}`, ''];
  if (decl?.external) lines.push('External: Compose expects it to exist (it errors when it does not) and never creates or removes it.');
  else {
    lines.push(
      `Created by \`docker compose up\` as ${code(real)}${decl?.explicitName ? ' (`name:` is used as is, without the project prefix)' : ` (project ${code(model.project.name)} + key)`}.`,
      '- Survives `docker compose down` and container re-creation.',
      `- Deleted by \`docker compose down -v\` and \`docker volume rm ${real}\` (which fails while a container, even a stopped one, uses it).`,
    );
  }
  lines.push('', users.length > 0 ? `Used by ${users.map((s) => `${code(s.name)} at ${code(s.volumes.find((m) => m.spec?.source === key)!.spec!.target)}`).join(', ')}.` : 'No service mounts it.');
  return lines.join('\n');
}
