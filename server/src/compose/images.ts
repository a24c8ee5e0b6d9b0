// Data directories and declared VOLUMEs of well-known stateful images (domain-facts §4).
import { parseImageRef, tagMajor, type ImageRef } from './imageRef';

export interface StatefulImage {
  label: string;
  /** Where the image keeps its data, for this tag (and PGDATA-like overrides). */
  dataDir: string;
  /** The image's own `VOLUME` paths (each gets an anonymous volume unless something is mounted there). */
  declaredVolumes: string[];
  /** A cache whose data only matters when persistence is enabled (Redis, Valkey, Memcached). */
  cache?: boolean;
  /** Extra sentence for the hover (PostgreSQL 18 layout, RabbitMQ host names …). */
  note?: string;
}

export function statefulImage(imageText: string, env: (name: string) => string | undefined = () => undefined): { ref: ImageRef; image: StatefulImage } | undefined {
  const ref = parseImageRef(imageText);
  if (!ref) return undefined;
  const image = lookup(ref, env);
  return image ? { ref, image } : undefined;
}

function lookup(ref: ImageRef, env: (name: string) => string | undefined): StatefulImage | undefined {
  const major = tagMajor(ref.tag);
  const repo = ref.repository.replace(/^library\//, '');
  switch (repo) {
    case 'postgres':
    case 'bitnami/postgresql': {
      if (repo === 'bitnami/postgresql') return { label: 'PostgreSQL (Bitnami)', dataDir: '/bitnami/postgresql', declaredVolumes: [] };
      const pg18 = major === undefined || major >= 18;
      const dataDir = env('PGDATA') ?? (pg18 ? `/var/lib/postgresql/${major ?? 18}/docker` : '/var/lib/postgresql/data');
      return {
        label: 'PostgreSQL',
        dataDir: pg18 && !env('PGDATA') ? '/var/lib/postgresql' : dataDir,
        declaredVolumes: [pg18 ? '/var/lib/postgresql' : '/var/lib/postgresql/data'],
        note: pg18
          ? `${major === undefined ? `\`${ref.tag ?? 'latest'}\` is PostgreSQL 18 or newer today: ` : ''}from 18 on, the image keeps its data under \`/var/lib/postgresql\` (PGDATA \`/var/lib/postgresql/18/docker\`) and declares \`VOLUME /var/lib/postgresql\`; a mount at \`/var/lib/postgresql/data\` is the old layout and makes the entrypoint exit.${major === undefined ? ' Pin a major version (`postgres:17`, `postgres:18`) to avoid surprises.' : ''}`
          : 'Up to 17, the image keeps its data in `/var/lib/postgresql/data` (`VOLUME /var/lib/postgresql/data`); a mount at `/var/lib/postgresql` alone does not persist it.',
      };
    }
    case 'mysql':
    case 'mariadb':
      return { label: repo === 'mysql' ? 'MySQL' : 'MariaDB', dataDir: '/var/lib/mysql', declaredVolumes: ['/var/lib/mysql'] };
    case 'mongo':
      return { label: 'MongoDB', dataDir: '/data/db', declaredVolumes: ['/data/db', '/data/configdb'] };
    case 'redis':
    case 'valkey/valkey':
    case 'redis/redis-stack-server':
      return { label: repo === 'valkey/valkey' ? 'Valkey' : 'Redis', dataDir: '/data', declaredVolumes: ['/data'], cache: true };
    case 'memcached':
      return { label: 'Memcached', dataDir: '', declaredVolumes: [], cache: true };
    case 'elasticsearch':
    case 'elasticsearch/elasticsearch':
      return { label: 'Elasticsearch', dataDir: '/usr/share/elasticsearch/data', declaredVolumes: [] };
    case 'rabbitmq':
      return { label: 'RabbitMQ', dataDir: '/var/lib/rabbitmq', declaredVolumes: ['/var/lib/rabbitmq'], note: 'RabbitMQ keys its data by node name, which defaults to the container\'s host name: set `hostname:` or the data seems to disappear when the container is recreated.' };
    case 'minio/minio':
      return { label: 'MinIO', dataDir: '/data', declaredVolumes: ['/data'] };
    case 'clickhouse':
    case 'clickhouse/clickhouse-server':
      return { label: 'ClickHouse', dataDir: '/var/lib/clickhouse', declaredVolumes: ['/var/lib/clickhouse'] };
    case 'influxdb':
      return major !== undefined && major < 2
        ? { label: 'InfluxDB 1.x', dataDir: '/var/lib/influxdb', declaredVolumes: ['/var/lib/influxdb'] }
        : major === 2
          ? { label: 'InfluxDB 2.x', dataDir: '/var/lib/influxdb2', declaredVolumes: ['/var/lib/influxdb2', '/etc/influxdb2'] }
          : undefined;
    case 'neo4j':
      return { label: 'Neo4j', dataDir: '/data', declaredVolumes: ['/data', '/logs'] };
    case 'cassandra':
      return { label: 'Cassandra', dataDir: '/var/lib/cassandra', declaredVolumes: ['/var/lib/cassandra'] };
    case 'couchdb':
      return { label: 'CouchDB', dataDir: '/opt/couchdb/data', declaredVolumes: ['/opt/couchdb/data'] };
    case 'nextcloud':
      return { label: 'Nextcloud', dataDir: '/var/www/html', declaredVolumes: ['/var/www/html'] };
    case 'wordpress':
      return { label: 'WordPress', dataDir: '/var/www/html', declaredVolumes: ['/var/www/html'] };
    case 'gitea/gitea':
      return { label: 'Gitea', dataDir: '/data', declaredVolumes: ['/data'] };
    case 'grafana/grafana':
    case 'grafana/grafana-oss':
      return { label: 'Grafana', dataDir: '/var/lib/grafana', declaredVolumes: [] };
    case 'prom/prometheus':
      return { label: 'Prometheus', dataDir: '/prometheus', declaredVolumes: ['/prometheus'] };
    default:
      return undefined;
  }
}
