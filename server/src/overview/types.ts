// The stack overview as plain JSON: what the webview, the CLI and the goldens share. Every fact comes from
// the compose model and its helpers (ports.ts, mounts.ts, healthTimeline.ts, project.ts); times are in ms.

export type Persistence = 'named' | 'bind' | 'anonymous' | 'tmpfs' | 'other';

export interface OverviewPort {
  /** Host address as written; undefined = every interface (0.0.0.0 and ::). */
  hostIp?: string;
  /** Host port or range (`8000`, `8000-8010`); undefined = an ephemeral port the engine picks. */
  published?: string;
  target: string;
  protocol: string;
  /** `network_mode: host` discards `ports`. */
  ignored: boolean;
}

export interface OverviewVolume {
  kind: Persistence;
  /** Volume key, host path (as written) or undefined (anonymous, tmpfs). */
  source?: string;
  target: string;
  readOnly: boolean;
  /** Named volumes: the name Docker knows it by (`<project>_<key>`, `name:`, or the key when external). */
  volumeName?: string;
  external?: boolean;
  /** Named volumes only: whether a top-level `volumes:` of the project declares it. */
  declared?: boolean;
  /** Anonymous volumes: true for a `VOLUME` of the image that no mount in the file covers. */
  fromImage?: boolean;
  /** Whether the data is still there for the next `up` after `docker compose down` / `down -v`. */
  survivesDown: boolean;
  survivesDownVolumes: boolean;
}

export type HealthState =
  /** Known to have none: the project gives none, and the image is known to ship none (or there is no image). */
  | { kind: 'none' }
  /** None in the project or a Dockerfile docklens read; the image may have a HEALTHCHECK of its own. */
  | { kind: 'unknown' }
  | { kind: 'disabled' }
  | { kind: 'probe'; source: 'compose' | 'image'; firstProbe: number; earliestHealthy: number; unhealthyFailingFast: number; unhealthyHanging: number };

export interface OverviewService {
  name: string;
  image?: string;
  /** Build context as written (`./backend`), with the Dockerfile when one is named. */
  build?: { context?: string; dockerfile?: string };
  /** Files that define it besides the analysed one (relative paths). */
  definedIn: string[];
  ports: OverviewPort[];
  volumes: OverviewVolume[];
  health: HealthState;
  profiles: string[];
}

export interface OverviewEdge {
  /** The service that waits. */
  from: string;
  /** The service it depends on. */
  to: string;
  condition: string;
  required: boolean;
  restart: boolean;
  /** `to` is not a service of the project. */
  missing: boolean;
  /** The edge closes a dependency cycle (Compose refuses the project). */
  cycle: boolean;
}

export interface StartupWait {
  on: string;
  condition: string;
  /** Earliest moment (from `up`) the condition can hold; undefined = cannot be computed (completion, cycle, missing). */
  until?: number;
}

export interface StartupStep {
  service: string;
  /** Startup layer: 0 = depends on nothing, n = after layer n-1. */
  layer: number;
  /** Earliest start after `docker compose up` begins (no pull, build or creation time); undefined = unknown. */
  earliestStart?: number;
  /** earliestStart + the healthcheck's earliest healthy. */
  earliestHealthy?: number;
  /** earliestStart + unhealthy when every probe hangs until its timeout: the longest a waiter waits. */
  worstUnhealthy?: number;
  waits: StartupWait[];
  /** Why the times are unknown or `up` fails before it starts (empty when nothing stands in the way). */
  problems: string[];
}

export interface StackOverview {
  /** File name of the analysed compose file. */
  file: string;
  project: string;
  /** The other files of the project it is combined with (relative paths, role). */
  files: { path: string; role: string }[];
  services: OverviewService[];
  edges: OverviewEdge[];
  startup: StartupStep[];
  /** Services not drawn or listed because of the size limit. */
  omitted: number;
  notes: string[];
}
