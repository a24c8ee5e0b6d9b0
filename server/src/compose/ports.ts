// Port mappings, short (`[IP:][HOST:]CONTAINER[/PROTO]`, int or string) and long syntax (domain-facts §1).
// Short syntax is split like docker/go-connections' nat.ParsePortSpec, which Compose uses.

export interface PortRange {
  start: number;
  end: number;
}

export interface PortSpec {
  syntax: 'short' | 'long';
  /** Host IP as written (brackets removed); undefined = all interfaces. */
  hostIp?: string;
  /** Host port or range; undefined = an ephemeral port chosen by the engine. */
  published?: PortRange;
  target: PortRange;
  protocol: string;
  mode?: string;
  name?: string;
  appProtocol?: string;
}

export type PortParse = { ok: true; spec: PortSpec } | { ok: false; error: string };

export function parseRange(text: string): PortRange | undefined {
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const start = Number(m[1]);
  const end = m[2] !== undefined ? Number(m[2]) : start;
  if (start < 0 || end > 65535 || end < start) return undefined;
  return { start, end };
}

export function parseShortPort(raw: string): PortParse {
  let rest = raw.trim();
  let protocol = 'tcp';
  const slash = rest.lastIndexOf('/');
  if (slash >= 0) {
    protocol = rest.slice(slash + 1).toLowerCase();
    rest = rest.slice(0, slash);
  }
  let hostIp: string | undefined;
  let hostPort: string | undefined;
  let containerPort: string;
  const bracket = /^\[([^\]]+)\]:(.*)$/.exec(rest);
  if (bracket) {
    hostIp = bracket[1];
    const parts = bracket[2]!.split(':');
    containerPort = parts.pop()!;
    hostPort = parts.join(':');
  } else {
    const parts = rest.split(':');
    const n = parts.length;
    containerPort = parts[n - 1]!;
    if (n === 2) hostPort = parts[0];
    else if (n === 3) [hostIp, hostPort] = [parts[0], parts[1]];
    else if (n > 3) [hostIp, hostPort] = [parts.slice(0, n - 2).join(':'), parts[n - 2]];
  }
  const target = parseRange(containerPort);
  if (!target) return { ok: false, error: `invalid container port "${containerPort}"` };
  let published: PortRange | undefined;
  if (hostPort !== undefined && hostPort !== '') {
    published = parseRange(hostPort);
    if (!published) return { ok: false, error: `invalid host port "${hostPort}"` };
  }
  if (protocol !== 'tcp' && protocol !== 'udp' && protocol !== 'sctp') return { ok: false, error: `invalid protocol "${protocol}"` };
  return { ok: true, spec: { syntax: 'short', hostIp: hostIp === '' ? undefined : hostIp, published, target, protocol } };
}

export function formatRange(r: PortRange): string {
  return r.start === r.end ? String(r.start) : `${r.start}-${r.end}`;
}

/** A host IP as written before `:port`: an IPv6 address in brackets. */
export function bracketed(ip: string): string {
  return ip.includes(':') ? `[${ip}]` : ip;
}

/** The host to connect to from this machine: the bound address, or `localhost` when it is all interfaces. */
export function connectHost(ip: string | undefined): string {
  return ip && !isAllInterfaces(ip) ? bracketed(ip) : 'localhost';
}

/** All interfaces: no IP, or the IPv4/IPv6 wildcard. */
export function isAllInterfaces(ip: string | undefined): boolean {
  return ip === undefined || ip === '0.0.0.0' || ip === '::' || ip === '[::]';
}

export function isLoopback(ip: string | undefined): boolean {
  return ip !== undefined && (ip.startsWith('127.') || ip === '::1' || ip === 'localhost');
}

/** A host range for fewer container ports lets the engine pick a free port in it: no fixed binding. */
export function fixedBinding(spec: PortSpec): boolean {
  return spec.published !== undefined && spec.published.end - spec.published.start === spec.target.end - spec.target.start;
}

/**
 * Whether two mappings bind the same host port: both fixed, one protocol, overlapping host ports, and
 * overlapping addresses (no IP, `0.0.0.0` and `::` overlap every address). The rule duplicate-host-port and
 * the port hover both ask this.
 */
export function overlaps(a: PortSpec, b: PortSpec): boolean {
  if (!fixedBinding(a) || !fixedBinding(b) || a.protocol !== b.protocol) return false;
  const ports = a.published!.start <= b.published!.end && b.published!.start <= a.published!.end;
  const ips = isAllInterfaces(a.hostIp) || isAllInterfaces(b.hostIp) || a.hostIp === b.hostIp;
  return ports && ips;
}
