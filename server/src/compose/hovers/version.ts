// Hover topic: the obsolete top-level `version`.
import type { HoverTopic } from '../../core/rule';
import type { ComposeModel } from '../model';
import { code, cursorAt, nodeRange } from './cursor';

export const versionHover: HoverTopic<ComposeModel> = {
  id: 'version',
  kind: 'compose',
  hover(model, position) {
    const cursor = cursorAt(model, position);
    if (!cursor || cursor.path.length !== 1 || cursor.path[0] !== 'version' || !model.version) return undefined;
    return {
      markdown: [
        `**version ${code(model.version.value.raw)}** · obsolete, ignored`,
        '',
        'Docker Compose v2 reads every file with the Compose Specification and ignores `version`; it only prints:',
        '',
        '```text',
        `WARN[0000] ${model.filePath ?? 'compose.yaml'}: the attribute \`version\` is obsolete, it will be ignored, please remove it to avoid potential confusion`,
        '```',
        '',
        'Removing the line changes nothing else.',
      ].join('\n'),
      range: nodeRange(model, cursor.node),
    };
  },
};
