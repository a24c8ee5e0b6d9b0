// Rule healthcheck-missing-for-dependency: `condition: service_healthy` on a service that has no
// healthcheck: not in the project (merges and `extends` resolved), not in its Dockerfile in the workspace,
// and not in its image (official images deliberately ship none: docker-library FAQ "HEALTHCHECK").
// `up` then fails with "dependency failed to start: container … has no healthcheck configured" (§2.4).
import type { Rule } from '../../core/rule';
import type { Finding } from '../../core/types';
import { knownWithoutHealthcheck } from '../../stack/knownWithoutHealthcheck';
import { parseImageRef, tagMajor } from '../imageRef';
import type { ComposeModel, ServiceModel } from '../model';
import { code, nodeRange } from '../hovers/cursor';
import { addMapEntry } from '../yamlEdit';

export const ID = 'healthcheck-missing-for-dependency';

export const healthcheckMissingForDependency: Rule<ComposeModel> = {
  id: ID,
  kind: 'compose',
  title: '`service_healthy` on a service without a healthcheck',
  defaultSeverity: 'error',
  docs: `\`depends_on: <service>: condition: service_healthy\` waits for the dependency's healthcheck. When it has
none, \`docker compose up\` fails with \`dependency failed to start: container … has no healthcheck
configured\`. Reported only when docklens knows there is none: no \`healthcheck\` in any file of the project
(merge keys, the override file and \`extends\` resolved), and either an official image (they deliberately
ship no \`HEALTHCHECK\`) or a Dockerfile in the workspace without \`HEALTHCHECK\` built on one.

**Quick-fix.** Adds a healthcheck that is right for well-known images (PostgreSQL \`pg_isready\`,
MySQL \`mysqladmin ping\`, MariaDB \`healthcheck.sh\`, MongoDB \`mongosh\`, Redis/Valkey \`ping\`, RabbitMQ
\`rabbitmq-diagnostics ping\`), and a clearly marked template otherwise.`,
  check(model, context) {
    const findings: Finding[] = [];
    const project = model.related();
    for (const service of model.services) {
      for (const dep of service.dependsOn) {
        if (dep.condition !== 'service_healthy') continue;
        const target = project.service(dep.name);
        if (!target || target.healthcheck) continue;
        const source = knownWithoutHealthcheck(target, context.workspace);
        if (!source) continue;
        const definition = target.layers[target.layers.length - 1]!;
        const fix = definition.file.model === model ? healthcheckFix(model, definition.service) : undefined;
        findings.push({
          ruleId: ID,
          range: nodeRange(model, dep.node),
          message: `${code(service.name)} waits for ${code(dep.name)} to be healthy, but ${code(dep.name)} has no healthcheck (none in the compose files, ${source}): \`docker compose up\` fails with "dependency failed to start: container … has no healthcheck configured".`,
          fixes: fix ? [fix] : [],
        });
      }
    }
    return findings;
  },
};

function testFor(service: ServiceModel): { test: string; known: boolean } {
  const ref = service.image && parseImageRef(service.image.interpolated.value);
  switch (ref?.repository.replace(/^library\//, '')) {
    case 'postgres':
      return { test: '["CMD-SHELL", "pg_isready -U $${POSTGRES_USER:-postgres}"]', known: true };
    case 'mysql':
      return { test: '["CMD", "mysqladmin", "ping", "-h", "localhost"]', known: true };
    case 'mariadb':
      return { test: '["CMD", "healthcheck.sh", "--connect", "--innodb_initialized"]', known: true };
    case 'mongo':
      return { test: `["CMD", "${(tagMajor(ref!.tag) ?? 99) < 6 ? 'mongo' : 'mongosh'}", "--quiet", "--eval", "db.adminCommand('ping')"]`, known: true };
    case 'redis':
      return { test: '["CMD", "redis-cli", "ping"]', known: true };
    case 'valkey/valkey':
      return { test: '["CMD", "valkey-cli", "ping"]', known: true };
    case 'rabbitmq':
      return { test: '["CMD", "rabbitmq-diagnostics", "-q", "ping"]', known: true };
    default:
      return { test: '["CMD-SHELL", "exit 1"]', known: false };
  }
}

function healthcheckFix(model: ComposeModel, service: ServiceModel) {
  const { test, known } = testFor(service);
  const body = [
    ...(known ? [] : [`# TODO(docklens): replace with a command that exits 0 once ${service.name} is ready`]),
    `test: ${test}`,
    'interval: 5s',
    'timeout: 5s',
    'retries: 5',
    'start_period: 10s',
  ];
  const edit = addMapEntry(model, service.doc, service.node, 'healthcheck', body);
  return edit ? { title: known ? `Add a healthcheck to ${code(service.name)}` : `Add a healthcheck template to ${code(service.name)}`, edits: [edit], isPreferred: true } : undefined;
}
