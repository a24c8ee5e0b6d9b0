// Quick-fixes computed when first read. A rule reports on every keystroke, but its fixes are wanted only
// when the editor asks for code actions on one finding (or the CLI applies them): in the 500-service stress
// file, `unpersisted-data` alone built 181 YAML edits per keystroke that nobody read.
import type { Finding, Fix } from './types';

/** `finding` with `fixes` computed by `compute` on first read, then kept. Enumerable, as a plain field. */
export function withLazyFixes(finding: Omit<Finding, 'fixes'>, compute: () => Fix[]): Finding {
  let fixes: Fix[] | undefined;
  return {
    ...finding,
    get fixes(): Fix[] {
      return (fixes ??= compute());
    },
  };
}
