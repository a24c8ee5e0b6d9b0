// Who waits for whom when `docker compose up` starts the stack, and the earliest moments each service can
// start and be healthy (domain-facts §2.4): `service_started` waits until the dependency's container is
// running, `service_healthy` until its healthcheck passes (the healthTimeline figures), and
// `service_completed_successfully` until it exits 0, which no file can tell. Times leave out pulling,
// building and creating containers: they are lower bounds.
import type { OverviewEdge, OverviewService, StartupStep, StartupWait } from './types';

/** Edges that lie on a dependency cycle (Tarjan's strongly connected components; iterative, bounded). */
export function findCycleEdges(edges: OverviewEdge[]): Set<OverviewEdge> {
  const out = new Map<string, string[]>();
  for (const e of edges) if (!e.missing) out.set(e.from, [...(out.get(e.from) ?? []), e.to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const component = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  let counter = 0;
  let components = 0;
  for (const root of out.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; next: number }[] = [{ node: root, next: 0 }];
    index.set(root, counter), low.set(root, counter++), stack.push(root), onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const succ = out.get(frame.node) ?? [];
      if (frame.next < succ.length) {
        const w = succ[frame.next++]!;
        if (!index.has(w)) {
          index.set(w, counter), low.set(w, counter++), stack.push(w), onStack.add(w);
          work.push({ node: w, next: 0 });
        } else if (onStack.has(w)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(w)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
          onStack.delete(w);
          component.set(w, components);
          if (w === frame.node) break;
        }
        components++;
      }
    }
  }
  return new Set(edges.filter((e) => !e.missing && (e.from === e.to || component.get(e.from) === component.get(e.to))));
}

export function computeStartup(services: OverviewService[], edges: OverviewEdge[]): StartupStep[] {
  const byName = new Map(services.map((s) => [s.name, s]));
  const outgoing = new Map<string, OverviewEdge[]>();
  for (const e of edges) outgoing.set(e.from, [...(outgoing.get(e.from) ?? []), e]);
  const steps = new Map<string, StartupStep>();
  const inCycle = new Set(edges.filter((e) => e.cycle).flatMap((e) => [e.from, e.to]));

  // Without the cycle and missing edges the graph is acyclic: a post-order walk gives each service after
  // its dependencies (an explicit stack, so a long chain cannot overflow the call stack).
  const order: string[] = [];
  const visited = new Set<string>();
  for (const s of services) {
    if (visited.has(s.name)) continue;
    const work: { name: string; next: number }[] = [{ name: s.name, next: 0 }];
    visited.add(s.name);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const deps = (outgoing.get(frame.name) ?? []).filter((e) => !e.cycle && !e.missing && byName.has(e.to));
      if (frame.next < deps.length) {
        const to = deps[frame.next++]!.to;
        if (!visited.has(to)) visited.add(to), work.push({ name: to, next: 0 });
        continue;
      }
      work.pop();
      order.push(frame.name);
    }
  }

  for (const name of order) {
    const waits: StartupWait[] = [];
    let layer = 0;
    const problems: string[] = inCycle.has(name) ? ['on a `depends_on` cycle: no start order exists'] : [];
    let unknownStart = problems.length > 0;
    for (const e of outgoing.get(name) ?? []) {
      const dep = steps.get(e.to);
      if (e.missing) {
        problems.push(`depends on undefined service \`${e.to}\`: Compose refuses the project`);
        unknownStart = true;
        waits.push({ on: e.to, condition: e.condition });
        continue;
      }
      if (!dep || e.cycle) {
        unknownStart = true;
        waits.push({ on: e.to, condition: e.condition });
        continue;
      }
      layer = Math.max(layer, dep.layer + 1);
      const until = waitUntil(e, dep, byName.get(e.to)!);
      if (until.problem) problems.push(until.problem);
      if (until.at === undefined) unknownStart = true;
      waits.push({ on: e.to, condition: e.condition, until: until.at });
    }
    const start = unknownStart ? undefined : Math.max(0, ...waits.map((w) => w.until!));
    const health = byName.get(name)!.health;
    steps.set(name, {
      service: name,
      layer,
      earliestStart: start,
      earliestHealthy: start !== undefined && health.kind === 'probe' ? start + health.earliestHealthy : undefined,
      worstUnhealthy: start !== undefined && health.kind === 'probe' ? start + health.unhealthyHanging : undefined,
      waits,
      problems,
    });
  }
  const position = new Map(services.map((s, i) => [s.name, i]));
  return [...steps.values()].sort((a, b) => a.layer - b.layer || position.get(a.service)! - position.get(b.service)!);
}

function waitUntil(e: OverviewEdge, dep: StartupStep, service: OverviewService): { at?: number; problem?: string } {
  switch (e.condition) {
    case 'service_started':
      return { at: dep.earliestStart };
    case 'service_healthy': {
      if (service.health.kind === 'probe') return { at: dep.earliestHealthy };
      // The image's own healthcheck decides: no time to show, and no problem to claim.
      if (service.health.kind === 'unknown') return {};
      // domain-facts §2.4: `required: false` turns the failure into a warning and this service starts anyway.
      if (!e.required) return { at: dep.earliestStart, problem: `waits for \`${e.to}\` to be healthy, but it has no healthcheck that runs: with \`required: false\` Compose only warns ("optional dependency … failed to start") and starts this service` };
      if (service.health.kind === 'disabled') return { problem: `waits for \`${e.to}\` to be healthy, but its healthcheck is disabled: \`up\` fails` };
      return { problem: `waits for \`${e.to}\` to be healthy, but it has no healthcheck (none in the project, and its image ships none): \`up\` fails` };
    }
    case 'service_completed_successfully':
      return {};
    default:
      return { problem: `\`${e.condition}\` is not a condition Compose knows` };
  }
}
