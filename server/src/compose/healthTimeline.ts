// The engine's healthcheck probe loop, simulated (domain-facts §2.2, §2.2b; moby daemon/health.go
// `monitor`, `getInterval`, `handleProbeResult`): the wait runs from the end of one probe to the start
// of the next; failures that start inside start_period while the container is still `starting` do not
// count; one success makes it healthy.

export const ENGINE_DEFAULTS = { interval: 30_000, timeout: 30_000, startPeriod: 0, startInterval: 5_000, retries: 3 };

export interface HealthParams {
  interval: number;
  timeout: number;
  startPeriod: number;
  startInterval: number;
  retries: number;
}

export function withDefaults(p: Partial<HealthParams>): HealthParams {
  // 0 in the engine API means "use the default" (timeoutWithDefault), as does a missing value.
  const pick = (v: number | undefined, d: number) => (v === undefined || v === 0 ? d : v);
  return {
    interval: pick(p.interval, ENGINE_DEFAULTS.interval),
    timeout: pick(p.timeout, ENGINE_DEFAULTS.timeout),
    startPeriod: p.startPeriod ?? ENGINE_DEFAULTS.startPeriod,
    startInterval: pick(p.startInterval, ENGINE_DEFAULTS.startInterval),
    retries: p.retries === undefined || p.retries <= 0 ? ENGINE_DEFAULTS.retries : p.retries,
  };
}

export type EngineModel = 'current' | 'legacy';

/** Wait before the next probe, `elapsed` ms after the container started, while still `starting`. */
function nextWait(p: HealthParams, elapsed: number, engine: EngineModel): number {
  if (engine === 'legacy') return elapsed < p.startPeriod ? p.startInterval : p.interval;
  if (elapsed >= p.startPeriod) return p.interval;
  const remaining = p.startPeriod - elapsed;
  if (remaining < p.interval) return remaining;
  return p.startInterval;
}

export interface Timeline {
  firstProbe: number;
  /** When the first probe can succeed: the earliest moment the container is healthy. */
  earliestHealthy: number;
  /** Declared unhealthy when every probe fails at once. */
  unhealthyFailingFast: number;
  /** Declared unhealthy when every probe hangs until its timeout. */
  unhealthyHanging: number;
}

function unhealthyAt(p: HealthParams, probeDuration: number, engine: EngineModel): number {
  let t = nextWait(p, 0, engine);
  let streak = 0;
  for (let i = 0; i < 100_000; i++) {
    const start = t;
    const end = start + probeDuration;
    if (start >= p.startPeriod) streak++;
    if (streak >= p.retries) return end;
    t = end + nextWait(p, end, engine);
  }
  return Infinity;
}

export function timeline(p: HealthParams, engine: EngineModel = 'current'): Timeline {
  const firstProbe = nextWait(p, 0, engine);
  return {
    firstProbe,
    earliestHealthy: firstProbe,
    unhealthyFailingFast: unhealthyAt(p, 0, engine),
    unhealthyHanging: unhealthyAt(p, p.timeout, engine),
  };
}
