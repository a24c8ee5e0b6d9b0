// `# docklens-ignore <rule-id>` on the line before a finding, `# docklens-ignore-file <rule-id>` in the
// comment block at the top of the file. Both Dockerfiles and compose files use `#` comments.
const IGNORE = /^\s*#\s*docklens-ignore\s+([\w\s,-]+?)\s*$/;
const IGNORE_FILE = /^\s*#\s*docklens-ignore-file\s+([\w\s,-]+?)\s*$/;

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
