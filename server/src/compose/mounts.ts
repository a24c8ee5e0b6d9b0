// Service volume entries: short syntax `SOURCE:TARGET[:OPTIONS]` / `TARGET` and long syntax, classified as
// Compose does (compose-go format/volume.go; domain-facts §3.1–3.3).

export type MountType = 'volume' | 'bind' | 'anonymous' | 'tmpfs' | 'image' | 'npipe' | 'cluster';

export interface MountSpec {
  syntax: 'short' | 'long';
  type: MountType;
  source?: string;
  target: string;
  /** Short-syntax options (`ro`, `z`, `nocopy` …) as written. */
  options: string[];
  readOnly: boolean;
}

/** Options compose-go understands in short syntax; anything else is silently ignored. */
export const KNOWN_SHORT_OPTIONS = new Set(['rw', 'ro', 'z', 'Z', 'nocopy', 'rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave']);
/** Docker Desktop's consistency options: accepted and harmless. */
export const HARMLESS_SHORT_OPTIONS = new Set(['cached', 'delegated', 'consistent']);

/** compose-go isFilePath: `.`, `/`, `~`, `\\` or a Windows drive letter mean a host path. */
export function isHostPath(source: string): boolean {
  return /^(\.|\/|~|\\\\)/.test(source) || /^[a-zA-Z]:[\\/]/.test(source);
}

export function parseShortMount(raw: string): MountSpec {
  const parts = splitVolume(raw);
  if (parts.length === 1) return { syntax: 'short', type: 'anonymous', target: parts[0]!, options: [], readOnly: false };
  const [source, target, opts] = parts;
  const options = opts ? opts.split(',').filter(Boolean) : [];
  return {
    syntax: 'short',
    type: isHostPath(source!) ? 'bind' : 'volume',
    source,
    target: target ?? '',
    options,
    readOnly: options.includes('ro'),
  };
}

/** Splits on `:` but keeps Windows drive letters (`C:\data:/data`) together. */
function splitVolume(raw: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === ':' && !(current.length === 1 && /[a-zA-Z]/.test(current) && /[\\/]/.test(raw[i + 1] ?? ''))) {
      out.push(current);
      current = '';
    } else current += c;
  }
  out.push(current);
  return out.length > 3 ? [out[0]!, out[1]!, out.slice(2).join(':')] : out;
}
