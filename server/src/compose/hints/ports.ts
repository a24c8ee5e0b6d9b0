// Inlay hint after each port mapping (short and long syntax), from the parsed PortEntry: which host
// address and port go to which container port. `*` = no host IP given: all interfaces (domain-facts §1.3).
import type { InlayHintKind } from '../../core/rule';
import type { InlayHintResult } from '../../core/types';
import { code } from '../hovers/cursor';
import type { ComposeModel, PortEntry, ServiceModel } from '../model';
import { bracketed, formatRange, isAllInterfaces, type PortSpec } from '../ports';
import { onePerPosition, valueEndOffset } from './place';

export const portsHints: InlayHintKind<ComposeModel> = {
  id: 'ports',
  kind: 'compose',
  title: 'Inlay hint after each port mapping: host address and port → container port and protocol.',
  hints(model) {
    const out: InlayHintResult[] = [];
    for (const service of model.services) {
      for (const port of service.ports) {
        const end = valueEndOffset(port.node);
        if (end === undefined) continue;
        const { label, tooltip } = portHint(service, port);
        out.push({ position: model.doc.positionAt(end), label, kind: 'ports', ...(tooltip ? { tooltip } : {}) });
      }
    }
    return onePerPosition(out);
  },
};

function portHint(service: ServiceModel, port: PortEntry): { label: string; tooltip?: string } {
  if (!port.parse.ok) return { label: `invalid: ${port.parse.error}` };
  if (service.networkMode?.interpolated.value === 'host') {
    return { label: 'ignored: network_mode host', tooltip: 'The engine discards published ports under `network_mode: host` ("Published ports are discarded when using host network mode").' };
  }
  const spec = port.parse.spec;
  const container = `container ${formatRange(spec.target)}/${spec.protocol}`;
  const ip = spec.hostIp === undefined ? '*' : bracketed(spec.hostIp);
  const where = interfaces(spec);
  if (!spec.published) {
    return {
      label: `host ${ip}:random → ${container}`,
      tooltip: `No host port given: the engine picks a free ephemeral host port at each start (${code(`docker compose port ${service.name} ${spec.target.start}`)} tells which). ${where}`,
    };
  }
  const hostSpan = spec.published.end - spec.published.start;
  const targetSpan = spec.target.end - spec.target.start;
  if (hostSpan !== targetSpan && targetSpan > 0) {
    return { label: `invalid: host range ${formatRange(spec.published)} and container range ${formatRange(spec.target)} differ in size` };
  }
  if (hostSpan !== targetSpan) {
    return { label: `host ${ip}:one free port in ${formatRange(spec.published)} → ${container}`, tooltip: `The engine binds any free port of the range. ${where}` };
  }
  return { label: `host ${ip}:${formatRange(spec.published)} → ${container}`, tooltip: `${where} Other services use ${code(`${service.name}:${spec.target.start}`)} (the container port).` };
}

function interfaces(spec: PortSpec): string {
  if (spec.hostIp === undefined) return '`*`: published on all interfaces (`0.0.0.0` and `::`), reachable from other machines on your network.';
  if (isAllInterfaces(spec.hostIp)) return `Published on every address of ${code(spec.hostIp)}, reachable from other machines on your network.`;
  return `Published only on ${code(spec.hostIp)}.`;
}
