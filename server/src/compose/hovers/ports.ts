// Hover topic: a port mapping (short or long syntax) or an `expose` entry, computed from this file:
// which side is the host, the interfaces, how to reach it from this machine and from other services.
import type { HoverTopic } from '../../core/rule';
import type { ComposeModel, PortEntry, ServiceModel } from '../model';
import { connectHost, fixedBinding, formatRange, isAllInterfaces, isLoopback, overlaps, type PortSpec } from '../ports';
import { code, cursorAt, nodeRange } from './cursor';
import type { WorkspaceView } from '../../core/workspace';
import { addressSetElsewhere } from '../../stack/addressSources';
import { listenText } from '../../stack/describeProcess';
import { serviceProcess } from '../../stack/serviceProcess';

/**
 * Entries the hover on the `ports` key explains. Each looks through every published port of the project for
 * a clash: 1,429 entries under one key took 430 ms, 14,000 entries 40 s (a generated file).
 */
const MAX_LISTED = 20;

export const portsHover: HoverTopic<ComposeModel> = {
  id: 'ports',
  kind: 'compose',
  hover(model, position, context) {
    const cursor = cursorAt(model, position);
    const service = cursor?.service;
    if (!cursor || !service) return undefined;
    const [, , section, index] = cursor.path;
    if (section === 'ports' && typeof index === 'number') {
      const port = service.ports[index];
      if (!port) return undefined;
      const markdown = portMarkdown(model, service, port, context.workspace);
      return { markdown, concise: () => portSummary(model, service, port, context.workspace, markdown), range: nodeRange(model, port.node) };
    }
    if (section === 'ports' && cursor.path.length === 3 && cursor.onKey) {
      const listed = service.ports.slice(0, MAX_LISTED);
      const each = listed.map((p) => portMarkdown(model, service, p, context.workspace));
      const rest = service.ports.length - listed.length;
      const more = rest > 0 ? [`… and ${rest.toLocaleString('en-US')} more: hover an entry for its details.`] : [];
      return {
        markdown: [...each, ...more].join('\n\n---\n\n') || '`ports`: none published.',
        concise: () => [...listed.map((p, i) => portSummary(model, service, p, context.workspace, each[i]!)), ...more].join('\n\n') || '`ports`: none published.',
        range: nodeRange(model, cursor.node),
      };
    }
    if (section === 'expose' && typeof index === 'number') {
      const v = service.expose[index];
      if (!v) return undefined;
      const port = v.interpolated.value.replace(/\/.*$/, '');
      return {
        markdown: [
          `**expose ${code(v.interpolated.value)}** (${code(service.name)}) · not published`,
          '',
          `Records port ${port} as exposed, for other services and \`docker run -P\`; it does **not** make it reachable from your machine (that is \`ports\`).`,
          `Other services on the same network reach it at ${code(`${service.name}:${port}`)} — on a bridge network they could reach any container port anyway, so \`expose\` is documentation.`,
        ].join('\n'),
        range: nodeRange(model, v.node),
      };
    }
    return undefined;
  },
};

/**
 * `docklens.hover.detail: concise`: the title and, in one line, where the port is reachable from and any
 * problem. `full` is the port's detailed hover, already computed.
 */
function portSummary(model: ComposeModel, service: ServiceModel, port: PortEntry, workspace: WorkspaceView, full: string): string {
  if (!port.parse.ok || service.networkMode?.interpolated.value === 'host') return full;
  const spec = port.parse.spec;
  const title = full.slice(0, full.indexOf('\n'));
  const published = spec.published ? formatRange(spec.published) : undefined;
  const where = isAllInterfaces(spec.hostIp) ? 'all interfaces' : isLoopback(spec.hostIp) ? 'loopback only' : `only on ${code(spec.hostIp!)}`;
  const fromHere = !published
    ? `A host port the engine picks at each start (${where})`
    : spec.published!.start === spec.published!.end
      ? `${code(`${connectHost(spec.hostIp)}:${published}`)} from this machine (${isAllInterfaces(spec.hostIp) || isLoopback(spec.hostIp) ? where : 'that address only'})`
      : `Host ports ${published} (${where})`;
  const parts = [`${fromHere}, ${code(`${service.name}:${spec.target.start}`)} from other services.`];
  const listener = listenerLine(model, service, spec, workspace);
  if (listener?.startsWith('- **Nothing known')) parts.push(listener.slice(2));
  if (sameHostPort(model, service, spec).length > 0) parts.push('**The same host port is published twice** ("port is already allocated").');
  return [title, '', parts.join(' ')].join('\n');
}

function portMarkdown(model: ComposeModel, service: ServiceModel, port: PortEntry, workspace: WorkspaceView): string {
  if (!port.parse.ok) return `**Port ${code(port.raw)}** (${code(service.name)})\n\nCompose cannot read this mapping: ${port.parse.error}.`;
  const spec = port.parse.spec;
  const proto = spec.protocol.toUpperCase();
  const target = formatRange(spec.target);
  const published = spec.published ? formatRange(spec.published) : undefined;
  const title = published ? `**Port ${published} → ${target}${spec.protocol !== 'tcp' ? `/${spec.protocol}` : ''}**` : `**Container port ${target}${spec.protocol !== 'tcp' ? `/${spec.protocol}` : ''}**`;
  const lines = [`${title} (${code(service.name)}) · host → container`, ''];
  const hostNetwork = service.networkMode?.interpolated.value === 'host';
  if (hostNetwork) {
    lines.push(
      `**Ignored:** this service uses \`network_mode: host\`, and the engine discards published ports there ("Published ports are discarded when using host network mode"). The process listens directly on the host's port ${target}.`,
    );
    return lines.join('\n');
  }
  lines.push(`- ${hostSide(spec, published)} → **container** port ${target} (${proto}), where the process inside listens.`);
  const listener = listenerLine(model, service, spec, workspace);
  if (listener) lines.push(listener);
  lines.push(`- ${interfaces(spec)}`);
  if (published && spec.published!.start === spec.published!.end) {
    const host = connectHost(spec.hostIp);
    lines.push(`- From this machine: ${code(`${host}:${published}`)}.`);
  } else if (!published) {
    lines.push(`- From this machine: ask Docker which port it picked with ${code(`docker compose port ${service.name} ${spec.target.start}`)}.`);
  }
  lines.push(`- From other services: ${code(`${service.name}:${spec.target.start}`)} (service name and *container* port; the host port plays no part inside the network).`);
  if (spec.syntax === 'long' && spec.mode === 'host') lines.push('- `mode: host`: published on each node where the service runs, instead of the load-balanced `ingress` default.');
  const others = sameHostPort(model, service, spec);
  if (others.length > 0) lines.push(`- The same host port is also published by ${others.map((o) => (o.startsWith('another') ? o.replace(/ of (.*)$/, ' of `$1`') : code(o))).join(', ')}: only one of them can bind it ("port is already allocated").`);
  return lines.join('\n');
}

function hostSide(spec: PortSpec, published: string | undefined): string {
  if (!published) return '**Host** port: none given, so the engine picks a free ephemeral port at each start';
  if (spec.published!.start !== spec.published!.end && spec.target.start === spec.target.end) return `**Host** port: any free one in ${published}`;
  return `**Host** port ${published} (your machine)`;
}

function interfaces(spec: PortSpec): string {
  if (isAllInterfaces(spec.hostIp)) {
    return 'Published on **all interfaces** (`0.0.0.0` and `::`): reachable from other machines on your network, not only from this one. Write `127.0.0.1:` before it to keep it local.';
  }
  if (isLoopback(spec.hostIp)) return `Published only on ${code(spec.hostIp!)} (loopback): reachable from this machine only.`;
  return `Published only on ${code(spec.hostIp!)}: reachable through that address.`;
}

function sameHostPort(model: ComposeModel, self: ServiceModel, spec: PortSpec): string[] {
  if (!fixedBinding(spec)) return [];
  const out = new Set<string>();
  for (const s of model.services) {
    if (s.networkMode?.interpolated.value === 'host') continue;
    for (const p of s.ports) {
      if (!p.parse.ok || (s === self && p.parse.spec === spec)) continue;
      if (overlaps(p.parse.spec, spec)) out.add(s === self ? `another entry of ${s.name}` : s.name);
    }
  }
  return [...out];
}

/** Which process listens on the container port, when the service's command starts a well-known server. */
function listenerLine(model: ComposeModel, service: ServiceModel, spec: PortSpec, workspace: WorkspaceView): string | undefined {
  if (spec.protocol !== 'tcp') return undefined;
  const process = serviceProcess(model, service, workspace);
  const server = process?.server;
  if (!process || !server || !Number.isInteger(server.port)) return undefined;
  const by = process.origin.kind === 'compose' ? `its \`${process.origin.key}\`` : `the Dockerfile's ${process.origin.ins.keyword} (line ${process.origin.ins.startLine + 1})`;
  const elsewhere = addressSetElsewhere(process);
  const caveat = elsewhere ? ` — by its command line and defaults; ${elsewhere}, so it may differ` : '';
  if (spec.target.start <= server.port && server.port <= spec.target.end) return `- Inside: ${server.label}, started by ${by}, listens on ${listenText(server)}${caveat}.`;
  if (elsewhere) return `- Inside: ${server.label}, started by ${by}, listens on port ${server.port}${caveat}.`;
  return `- **Nothing known listens on container port ${formatRange(spec.target)}**: ${server.label}, started by ${by}, listens on port ${server.port}${server.portDefault ? ' (its default)' : ''}.`;
}
