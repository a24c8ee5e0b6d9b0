// Rule ports-ignored-host-network: `ports` under `network_mode: host` are discarded (domain-facts §1.6).
import type { Rule } from '../../core/rule';
import type { Finding } from '../../core/types';
import type { ComposeModel } from '../model';
import { code, nodeRange } from '../hovers/cursor';
import { entry } from '../yamlTree';

export const ID = 'ports-ignored-host-network';

export const portsIgnoredHostNetwork: Rule<ComposeModel> = {
  id: ID,
  kind: 'compose',
  title: '`ports` under `network_mode: host` are discarded',
  defaultSeverity: 'warning',
  docs: `With \`network_mode: host\` the container shares the host's network stack: there is nothing to map,
and the engine discards published ports with the warning "Published ports are discarded when using host
network mode" (the Compose Specification even calls it a runtime error). The process listens directly
on the host's ports; remove \`ports\` or the host network mode.`,
  check(model) {
    const findings: Finding[] = [];
    for (const service of model.services) {
      if (service.networkMode?.interpolated.value !== 'host' || service.ports.length === 0) continue;
      const key = entry(service.node, 'ports', service.doc)?.keyNode;
      findings.push({
        ruleId: ID,
        range: nodeRange(model, key ?? service.ports[0]!.node),
        message: `${code(service.name)} uses \`network_mode: host\`, so these ports are discarded ("Published ports are discarded when using host network mode"): the process listens directly on the host's ports.`,
        fixes: [],
      });
    }
    return findings;
  },
};
