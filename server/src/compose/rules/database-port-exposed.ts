// Rule database-port-exposed: a well-known database or cache image publishes its port on all interfaces,
// reachable from other machines; Docker's published ports bypass host firewalls such as ufw (domain-facts §1.3).
import type { Rule } from '../../core/rule';
import type { Finding, TextEdit } from '../../core/types';
import { parseImageRef } from '../imageRef';
import type { ComposeModel, PortEntry } from '../model';
import { code, nodeRange } from '../hovers/cursor';
import { isAllInterfaces } from '../ports';
import { addMapEntry, textEdit } from '../yamlEdit';
import { isMap, isScalar, range, scalarText } from '../yamlTree';
import { withLazyFixes } from '../../core/lazyFixes';

export const ID = 'database-port-exposed';

const DATABASE_PORTS: Record<string, { label: string; ports: number[] }> = {
  postgres: { label: 'PostgreSQL', ports: [5432] },
  mysql: { label: 'MySQL', ports: [3306, 33060] },
  mariadb: { label: 'MariaDB', ports: [3306] },
  mongo: { label: 'MongoDB', ports: [27017] },
  redis: { label: 'Redis', ports: [6379] },
  'valkey/valkey': { label: 'Valkey', ports: [6379] },
  memcached: { label: 'Memcached', ports: [11211] },
  elasticsearch: { label: 'Elasticsearch', ports: [9200, 9300] },
  cassandra: { label: 'Cassandra', ports: [9042] },
  couchdb: { label: 'CouchDB', ports: [5984] },
  'clickhouse/clickhouse-server': { label: 'ClickHouse', ports: [8123, 9000] },
  clickhouse: { label: 'ClickHouse', ports: [8123, 9000] },
  influxdb: { label: 'InfluxDB', ports: [8086] },
  neo4j: { label: 'Neo4j', ports: [7474, 7687] },
};

export const databasePortExposed: Rule<ComposeModel> = {
  id: ID,
  kind: 'compose',
  title: 'Database port published on all interfaces',
  defaultSeverity: 'warning',
  docs: `A well-known database or cache image (PostgreSQL, MySQL, MariaDB, MongoDB, Redis, Valkey, Memcached,
Elasticsearch, Cassandra, CouchDB, ClickHouse, InfluxDB, Neo4j) publishes its port without a host IP, so
Docker publishes it on all interfaces (\`0.0.0.0\` and \`::\`): anyone who can reach the machine can reach the
database. Docker's port publishing bypasses host firewalls such as ufw. Other services of the project reach
it by service name without any \`ports\`; to use it from this machine only, bind it to \`127.0.0.1\`.

**Quick-fix.** Binds the mapping to \`127.0.0.1\` (\`"127.0.0.1:5432:5432"\`, or \`host_ip: 127.0.0.1\`).`,
  check(model) {
    const findings: Finding[] = [];
    for (const service of model.services) {
      const ref = service.image && parseImageRef(service.image.interpolated.value);
      const db = ref && DATABASE_PORTS[ref.repository.replace(/^library\//, '')];
      if (!db || service.networkMode?.interpolated.value === 'host') continue;
      for (const port of service.ports) {
        if (!port.parse.ok) continue;
        const spec = port.parse.spec;
        if (!isAllInterfaces(spec.hostIp)) continue;
        if (!db.ports.some((p) => p >= spec.target.start && p <= spec.target.end)) continue;
        const finding = {
          ruleId: ID,
          range: nodeRange(model, port.node),
          message: `${db.label} port ${spec.target.start} of ${code(service.name)} is published on all interfaces: other machines on the network can connect to it, and Docker's published ports bypass firewalls such as ufw. Other services reach it as ${code(`${service.name}:${spec.target.start}`)} without \`ports\`; bind it to 127.0.0.1 to keep it local.`,
        };
        findings.push(
          withLazyFixes(finding, () => {
            const edit = bindToLoopback(model, port);
            return edit ? [{ title: 'Bind to 127.0.0.1', edits: [edit], isPreferred: true }] : [];
          }),
        );
      }
    }
    return findings;
  },
};

function bindToLoopback(model: ComposeModel, port: PortEntry): TextEdit | undefined {
  const node = port.node;
  if (isScalar(node)) {
    const raw = scalarText(node, port.doc) ?? '';
    const withoutIp = raw.replace(/^(0\.0\.0\.0|\[::\]|::):/, '');
    const bound = withoutIp.includes(':') ? `127.0.0.1:${withoutIp}` : `127.0.0.1::${withoutIp}`;
    // A plain or int scalar becomes a quoted string: `127.0.0.1:5432:5432` is a string, quoted by convention.
    const r = range(node)!;
    const quote = node.type === 'QUOTE_SINGLE' ? "'" : '"';
    return textEdit(model, r[0], r[1], `${quote}${bound}${quote}`);
  }
  if (isMap(node)) {
    // `host_ip: 127.0.0.1` after the entry's last key.
    const edit = addMapEntry(model, port.doc, node, 'host_ip', []);
    return edit && { ...edit, newText: edit.newText.replace(/host_ip:(\r?\n)$/, 'host_ip: 127.0.0.1$1') };
  }
  return undefined;
}
