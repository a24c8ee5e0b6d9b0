// Which files docklens analyses, by name: the same names VS Code gives the `dockerfile` and
// `dockercompose` language ids (plus our own manifest additions), in any letter case.
import type { DocumentKind } from './types';

const DOCKERFILE = [/^(docker|container)file$/i, /^(docker|container)file\..+$/i, /^.+\.(docker|container)file$/i];
// VS Code's `compose.yaml`, `compose.*.yaml` and `*docker*compose*.yaml`, and also `compose-dev.yaml` and the
// like (Docker's dev-environment name), which VS Code does not map; not `composer.yaml`.
const COMPOSE = [/^compose([.-].*)?\.ya?ml$/i, /^.*docker.*compose.*\.ya?ml$/i];

/** `Dockerfile.md`, `Dockerfile.sh`: documentation and scripts beside a Dockerfile, not Dockerfiles. */
const NOT_A_DOCKERFILE = /\.(md|markdown|txt|rst|adoc|html?|json|ya?ml|toml|sh|bash|ps1|bat|cmd|py|js|mjs|ts|go|rs|rb|java|orig|rej|bak|swp|lock|log)$/i;

export function kindFromFileName(name: string): DocumentKind | undefined {
  if (DOCKERFILE.some((re) => re.test(name)) && !NOT_A_DOCKERFILE.test(name)) return 'dockerfile';
  if (COMPOSE.some((re) => re.test(name))) return 'compose';
  return undefined;
}

export function kindFromLanguageId(languageId: string): DocumentKind | undefined {
  if (languageId === 'dockerfile' || languageId === 'containerfile') return 'dockerfile';
  if (languageId === 'dockercompose') return 'compose';
  return undefined;
}
