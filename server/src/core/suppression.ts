// `# docklens-ignore <rule-id>` on the line before a finding, `# docklens-ignore-file <rule-id>` in the
// comment block at the top of the file. Both Dockerfiles and compose files use `#` comments.
// The list starts with a non-blank and runs to the end (`ids` drops the blanks): a lazy `+?` before `\s*$`,
// or a list that may start with the blanks `\s+` also takes, rescans long runs of blanks (quadratic).
const IGNORE = /^\s*#\s*docklens-ignore\s+([\w,-][\w\s,-]*)$/;
const IGNORE_FILE = /^\s*#\s*docklens-ignore-file\s+([\w,-][\w\s,-]*)$/;

export interface Suppressions {
  isSuppressed(ruleId: string, line: number): boolean;
}

function ids(list: string): string[] {
  return list.split(/[\s,]+/).filter(Boolean);
}

export function readSuppressions(text: string): Suppressions {
  if (!text.includes('docklens-ignore')) return { isSuppressed: () => false };
  const lines = text.split(/\r?\n/);
  const fileWide = new Set<string>();
  for (const line of lines) {
    if (line.trim() === '') continue;
    const m = IGNORE_FILE.exec(line);
    if (m) ids(m[1]!).forEach((id) => fileWide.add(id));
    else if (!/^\s*#/.test(line)) break;
  }
  return {
    isSuppressed(ruleId, line) {
      if (fileWide.has(ruleId)) return true;
      const m = line > 0 ? IGNORE.exec(lines[line - 1] ?? '') : null;
      return m !== null && ids(m[1]!).includes(ruleId);
    },
  };
}
