// The explicit lists of rules, hover topics and inlay hint kinds. Adding a rule = one file + one line here; docs/rules.md
// and the settings block of package.json are generated from these lists (scripts/generate.ts).
import type { HoverTopic, InlayHintKind, Rule } from './core/rule';
import { fileTooLarge } from './core/limits';
import type { ComposeModel } from './compose/model';
import type { DockerfileModel } from './dockerfile/model';
import { copyBeforeInstall } from './dockerfile/rules/copy-before-install';
import { copyIgnoredFile } from './dockerfile/rules/copy-ignored-file';
import { reloadInImage } from './dockerfile/rules/reload-in-image';
import { serverBindsLocalhost, serverBindsLocalhostCompose } from './dockerfile/rules/server-binds-localhost';
import { appModuleNotFound, appModuleNotFoundCompose } from './dockerfile/rules/app-module-not-found';
import { portNotListening } from './compose/rules/port-not-listening';
import { cacheEffectHover } from './dockerfile/hovers/cache-effect';
import { instructionsHover } from './dockerfile/hovers/instructions';
import { composeVersionObsolete } from './compose/rules/compose-version-obsolete';
import { undeclaredVolume } from './compose/rules/undeclared-volume';
import { unknownService } from './compose/rules/unknown-service';
import { unusedVolume } from './compose/rules/unused-volume';
import { yamlSyntax } from './compose/rules/yaml-syntax';
import { databasePortExposed } from './compose/rules/database-port-exposed';
import { duplicateHostPort } from './compose/rules/duplicate-host-port';
import { healthcheckMissingForDependency } from './compose/rules/healthcheck-missing-for-dependency';
import { portSexagesimal } from './compose/rules/port-sexagesimal';
import { portsIgnoredHostNetwork } from './compose/rules/ports-ignored-host-network';
import { undefinedVariable } from './compose/rules/undefined-variable';
import { unknownKey } from './compose/rules/unknown-key';
import { unknownMountOption } from './compose/rules/unknown-mount-option';
import { unpersistedData } from './compose/rules/unpersisted-data';
import { buildHover } from './compose/hovers/build';
import { dependsOnHover } from './compose/hovers/dependsOn';
import { healthcheckHover } from './compose/hovers/healthcheck';
import { imageHover } from './compose/hovers/image';
import { portsHover } from './compose/hovers/ports';
import { serviceOptionsHover } from './compose/hovers/serviceOptions';
import { variablesHover } from './compose/hovers/variables';
import { versionHover } from './compose/hovers/version';
import { volumesHover } from './compose/hovers/volumes';
import { commandHover } from './compose/hovers/command';
import { serviceHover } from './compose/hovers/service';
import { healthcheckHints } from './compose/hints/healthcheck';
import { portsHints } from './compose/hints/ports';
import { variablesHints } from './compose/hints/variables';

export const DOCKERFILE_RULES: Rule<DockerfileModel>[] = [copyBeforeInstall, copyIgnoredFile, reloadInImage, serverBindsLocalhost, appModuleNotFound];
export const COMPOSE_RULES: Rule<ComposeModel>[] = [
  yamlSyntax,
  composeVersionObsolete,
  undeclaredVolume,
  unusedVolume,
  unknownService,
  healthcheckMissingForDependency,
  duplicateHostPort,
  databasePortExposed,
  portSexagesimal,
  unpersistedData,
  unknownMountOption,
  portsIgnoredHostNetwork,
  undefinedVariable,
  unknownKey,
  // Cross-file rules: they read the Dockerfile a service builds. The ones with a Dockerfile side share its id.
  serverBindsLocalhostCompose,
  portNotListening,
  appModuleNotFoundCompose,
];
export const FILE_RULES = [fileTooLarge];

export const DOCKERFILE_HOVERS: HoverTopic<DockerfileModel>[] = [cacheEffectHover, instructionsHover];
export const COMPOSE_HOVERS: HoverTopic<ComposeModel>[] = [
  versionHover,
  portsHover,
  healthcheckHover,
  volumesHover,
  dependsOnHover,
  // `${VAR}` inside an image or build value says more about the variable than the image does.
  variablesHover,
  buildHover,
  imageHover,
  commandHover,
  serviceHover,
  serviceOptionsHover,
];

/** Inlay hint kinds, each switchable with `docklens.inlayHints.<id>` (generated into package.json). */
export const COMPOSE_HINTS: InlayHintKind<ComposeModel>[] = [healthcheckHints, portsHints, variablesHints];

export interface RuleInfo {
  id: string;
  kind: string;
  title: string;
  defaultSeverity: string;
  docs: string;
  tags?: string[];
}

/** Every rule once, in docs order; a rule checked in both kinds of file lists both (`dockerfile, compose`). */
export const ALL_RULES: RuleInfo[] = (() => {
  const byId = new Map<string, RuleInfo>();
  for (const r of [...DOCKERFILE_RULES, ...COMPOSE_RULES, ...FILE_RULES]) {
    const seen = byId.get(r.id);
    if (seen) seen.kind = `${seen.kind}, ${r.kind}`;
    else byId.set(r.id, { id: r.id, kind: r.kind, title: r.title, defaultSeverity: r.defaultSeverity, docs: r.docs, tags: r.tags });
  }
  return [...byId.values()];
})();
