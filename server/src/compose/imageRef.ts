// Image references: `[registry/][namespace/]name[:tag][@digest]`, with Docker Hub's defaults.
export interface ImageRef {
  registry: string;
  /** Repository path without the registry (`library/postgres`, `grafana/grafana`). */
  repository: string;
  /** Last path component (`postgres`). */
  name: string;
  tag?: string;
  digest?: string;
  /** Docker Hub official image (`library/…`). */
  official: boolean;
}

export function parseImageRef(text: string): ImageRef | undefined {
  const t = text.trim();
  if (t === '' || /\s/.test(t)) return undefined;
  let rest = t;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  if (parts.length > 1 && (/[.:]/.test(parts[0]!) || parts[0] === 'localhost')) registry = parts.shift()!;
  if (registry === 'docker.io' && parts.length === 1) parts.unshift('library');
  const repository = parts.join('/');
  return { registry, repository, name: parts[parts.length - 1]!.toLowerCase(), tag, digest, official: registry === 'docker.io' && parts[0] === 'library' };
}

/** The leading major version of a tag (`16.4-alpine` → 16), undefined for `latest`, `alpine`, untagged. */
export function tagMajor(tag: string | undefined): number | undefined {
  const m = tag ? /^v?(\d+)/.exec(tag) : null;
  return m ? Number(m[1]) : undefined;
}
