// Per-resource settings as the analysis sees them. The server reads them from the client
// (`docklens.*`); the CLI uses the defaults.
import type { HoverDetail } from './rule';
import type { Severity, SeveritySetting } from './types';

export interface DocklensSettings {
  /** Per rule id: a severity, `off`, or `default` for the rule's own. */
  rules: Record<string, SeveritySetting | 'default' | undefined>;
  hover: { revealSecrets: boolean; detail: HoverDetail };
  /** Per inlay hint kind (`docklens.inlayHints.<kind>`): false turns it off; missing = on. */
  inlayHints: Record<string, boolean | undefined>;
}

export const DEFAULT_SETTINGS: DocklensSettings = { rules: {}, hover: { revealSecrets: false, detail: 'detailed' }, inlayHints: {} };

export function effectiveSeverity(settings: DocklensSettings, ruleId: string, ruleDefault: Severity): SeveritySetting {
  const configured = settings.rules[ruleId];
  return configured === undefined || configured === 'default' ? ruleDefault : configured;
}

/** Inlay hints are on unless the setting says `false`. */
export function inlayHintEnabled(settings: DocklensSettings, kind: string): boolean {
  return settings.inlayHints?.[kind] !== false;
}

const VALID = new Set(['off', 'hint', 'information', 'warning', 'error', 'default']);

/** Accepts what a client sends (`{ rules: { id: 'warning' } }`), ignoring values it does not understand. */
export function normaliseSettings(raw: unknown): DocklensSettings {
  const rules: DocklensSettings['rules'] = {};
  const source = (raw as { rules?: unknown } | null | undefined)?.rules;
  if (source && typeof source === 'object') {
    for (const [id, value] of Object.entries(source as Record<string, unknown>)) {
      if (typeof value === 'string' && VALID.has(value)) rules[id] = value as SeveritySetting;
    }
  }
  const hover = (raw as { hover?: { revealSecrets?: unknown; detail?: unknown } } | null | undefined)?.hover;
  const inlayHints: DocklensSettings['inlayHints'] = {};
  const hints = (raw as { inlayHints?: unknown } | null | undefined)?.inlayHints;
  if (hints && typeof hints === 'object') {
    for (const [kind, value] of Object.entries(hints as Record<string, unknown>)) {
      if (typeof value === 'boolean') inlayHints[kind] = value;
    }
  }
  return { rules, hover: { revealSecrets: hover?.revealSecrets === true, detail: hover?.detail === 'concise' ? 'concise' : 'detailed' }, inlayHints };
}
