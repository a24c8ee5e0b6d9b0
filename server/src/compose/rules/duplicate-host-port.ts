// Rule duplicate-host-port: two services (or two entries) publish the same host port and protocol on
// overlapping addresses; the second container fails with "port is already allocated" (domain-facts §1.3).
import type { Rule } from '../../core/rule';
import type { Finding } from '../../core/types';
import type { ComposeModel, PortEntry, ServiceModel } from '../model';
import { code, nodeRange } from '../hovers/cursor';
import { fixedBinding, formatRange, isAllInterfaces, overlaps, type PortSpec } from '../ports';

export const ID = 'duplicate-host-port';

export const duplicateHostPort: Rule<ComposeModel> = {
  id: ID,
  kind: 'compose',
  title: 'Two mappings publish the same host port',
  defaultSeverity: 'error',
  docs: `Two services, or two entries of one service, publish the same host port and protocol on overlapping
addresses (no IP, \`0.0.0.0\` and \`::\` overlap every address), ranges included. Only one container can bind
it: the other fails to start with \`Bind for 0.0.0.0:8080 failed: port is already allocated\`. Services
that use \`network_mode: host\`, and host ranges from which the engine picks any free port, are left out.`,
  check(model) {
    const findings: Finding[] = [];
    const seen = new PublishedPorts();
    for (const service of model.services) {
      if (service.networkMode?.interpolated.value === 'host') continue;
      for (const port of service.ports) {
        if (!port.parse.ok) continue;
        const spec = port.parse.spec;
        const first = seen.firstOverlap(spec);
        if (first) {
          const who = first.service === service ? 'another entry of this service' : code(first.service.name);
          findings.push({
            ruleId: ID,
            range: nodeRange(model, port.node),
            message: `Host port ${formatRange(spec.published!)}/${spec.protocol} is already published by ${who}: only one container can bind it; the other fails with "port is already allocated".`,
            fixes: [],
          });
        }
        seen.add({ service, port, spec });
      }
    }
    return findings;
  },
};

interface Published {
  service: ServiceModel;
  port: PortEntry;
  spec: PortSpec;
}

/** Single host ports of one port number and protocol: the first of all, the first on all interfaces, the first per address. */
interface SamePort {
  protocol: string;
  first: number;
  firstOnAll: number;
  firstByIp: Map<string, number>;
}

/**
 * The fixed mappings seen so far, in file order, indexed by host port: comparing each mapping with all
 * earlier ones was 250,000 comparisons per analysis of the 500-service stress file.
 */
class PublishedPorts {
  private readonly all: Published[] = [];
  // First indexes, not lists to scan: 10,000 services all publishing 80 made each lookup walk the others.
  // By port number, then protocol (a list of one or two): no key string to build per mapping and keystroke.
  private readonly singles = new Map<number, SamePort[]>();
  private readonly ranges: number[] = [];

  add(p: Published): void {
    if (!fixedBinding(p.spec)) return; // no fixed binding: overlaps nothing
    const index = this.all.push(p) - 1;
    const { start, end } = p.spec.published!;
    if (start !== end) {
      this.ranges.push(index);
      return;
    }
    let byProtocol = this.singles.get(start);
    if (!byProtocol) this.singles.set(start, (byProtocol = []));
    let same = byProtocol.find((x) => x.protocol === p.spec.protocol);
    if (!same) byProtocol.push((same = { protocol: p.spec.protocol, first: index, firstOnAll: Infinity, firstByIp: new Map() }));
    if (isAllInterfaces(p.spec.hostIp)) same.firstOnAll = Math.min(same.firstOnAll, index);
    else if (!same.firstByIp.has(p.spec.hostIp ?? '')) same.firstByIp.set(p.spec.hostIp ?? '', index);
  }

  /**
   * The earliest mapping that overlaps `spec`. A single port meets the same port and protocol (on all
   * interfaces, or on its own address) or a range; a range can meet anything.
   */
  firstOverlap(spec: PortSpec): Published | undefined {
    if (!fixedBinding(spec)) return undefined;
    let first = Infinity;
    const check = (i: number) => {
      if (i < first && overlaps(this.all[i]!.spec, spec)) first = i;
    };
    const { start, end } = spec.published!;
    if (start === end) {
      const same = this.singles.get(start)?.find((x) => x.protocol === spec.protocol);
      if (same) first = isAllInterfaces(spec.hostIp) ? same.first : Math.min(same.firstOnAll, same.firstByIp.get(spec.hostIp ?? '') ?? Infinity);
    } else for (let i = 0; i < this.all.length; i++) check(i);
    this.ranges.forEach(check);
    return this.all[first];
  }
}
