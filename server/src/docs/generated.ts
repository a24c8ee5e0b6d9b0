// Generated artifacts: docs/rules.md and the settings block of package.json come from the registry.
// `npm run generate` writes them; test/generated.test.ts fails when they drift.
import { ruleDocUrl } from '../core/rule';
import { ALL_RULES, COMPOSE_HINTS } from '../registry';

const KIND_LABEL: Record<string, string> = { any: 'all files', dockerfile: 'Dockerfile', compose: 'Compose', 'dockerfile, compose': 'Dockerfile and Compose' };

export function rulesMarkdown(): string {
  const lines = [
    '# Docklens rules',
    '',
    '<!-- Generated from server/src/registry.ts by `npm run generate`. Do not edit by hand. -->',
    '',
    'Each rule has a stable id: the diagnostic `code`, the setting `docklens.rules.<id>`, and the id used in',
    'suppression comments (`# docklens-ignore <id>` on the line before, `# docklens-ignore-file <id>` at the top).',
    '',
    '| Rule | Applies to | Default severity | Summary |',
    '| --- | --- | --- | --- |',
    ...ALL_RULES.map((r) => `| [\`${r.id}\`](#${r.id}) | ${KIND_LABEL[r.kind] ?? r.kind} | ${r.defaultSeverity} | ${r.title} |`),
    '',
  ];
  for (const r of ALL_RULES) {
    lines.push(`## ${r.id}`, '', `**${r.title}** · default severity: ${r.defaultSeverity}`, '', r.docs.trim(), '');
  }
  return lines.join('\n');
}

/** The `contributes.configuration.properties` entries for rule severities. */
export function ruleSettings(): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const r of ALL_RULES) {
    props[`docklens.rules.${r.id}`] = {
      type: 'string',
      enum: ['default', 'off', 'hint', 'information', 'warning', 'error'],
      default: 'default',
      scope: 'resource',
      markdownDescription: `${r.title}. \`default\` = ${r.defaultSeverity}. [Rule docs](${ruleDocUrl(r.id)})`,
    };
  }
  return props;
}

/** Settings that are not per rule. */
export const STATIC_SETTINGS: Record<string, unknown> = {
  'docklens.hover.revealSecrets': {
    type: 'boolean',
    default: false,
    scope: 'resource',
    markdownDescription: 'Show the values of variables whose names look secret (`*PASSWORD*`, `*SECRET*`, `*TOKEN*`, `*KEY*` …) in hovers. Off by default: people share screens.',
  },
  'docklens.hover.detail': {
    type: 'string',
    enum: ['detailed', 'concise'],
    enumDescriptions: ['What the value does here, with the explanations behind it.', 'Only the summary of each hover: the title and what the value does here.'],
    default: 'detailed',
    scope: 'resource',
    markdownDescription: 'How much a hover says. `concise` keeps the title and the one-line summary of each hover (a port: where it is reachable; a healthcheck: when it turns healthy or unhealthy; a volume: what survives `down`).',
  },
  'docklens.trace.server': {
    type: 'string',
    enum: ['off', 'messages', 'verbose'],
    default: 'off',
    scope: 'window',
    description: 'Traces the communication between VS Code and the docklens language server (Output › Docklens).',
  },
};

/** One `docklens.inlayHints.<kind>` switch per inlay hint kind of the registry. */
export function inlayHintSettings(): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const h of COMPOSE_HINTS) {
    props[`docklens.inlayHints.${h.id}`] = { type: 'boolean', default: true, scope: 'resource', markdownDescription: h.title };
  }
  return props;
}

export function configurationProperties(): Record<string, unknown> {
  return { ...ruleSettings(), ...inlayHintSettings(), ...STATIC_SETTINGS };
}
