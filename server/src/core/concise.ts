// `docklens.hover.detail: concise` for hover topics without a summary of their own.

/**
 * The generic short form of a hover: its title and the first block after it (a list is cut to its first
 * item; a block that ends with `:` keeps the block it introduces). Hovers open with what this value does
 * here; the explanations and reference paragraphs follow.
 */
export function conciseMarkdown(markdown: string): string {
  const blocks = markdown.split(/\n\s*\n/);
  const [title, first, second] = blocks;
  if (first === undefined) return markdown;
  const lines = first.split('\n');
  if (lines[0]!.startsWith('- ')) return `${title}\n\n${lines[0]}`;
  return first.trimEnd().endsWith(':') && second !== undefined ? `${title}\n\n${first}\n\n${second}` : `${title}\n\n${first}`;
}
