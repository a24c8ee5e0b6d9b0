// Rule reload-in-image: development auto-reload in the image's default command (`uvicorn --reload`,
// `gunicorn --reload`, `flask run --reload`): meant for local development, it watches the files and
// restarts the server, and uvicorn refuses it together with --workers (domain-facts §7).
import type { Rule } from '../../core/rule';
import type { Finding } from '../../core/types';
import type { DockerfileModel } from '../model';

export const ID = 'reload-in-image';

const RELOADING = /\b(uvicorn|gunicorn|flask)\b[^\n]*\s--reload\b/;

export const reloadInImage: Rule<DockerfileModel> = {
  id: ID,
  kind: 'dockerfile',
  title: 'Development auto-reload in the image’s default command',
  defaultSeverity: 'information',
  docs: `\`uvicorn --reload\`, \`gunicorn --reload\` and \`flask run --reload\` watch the source files and restart the
server when they change: uvicorn's documentation says it is for local development, gunicorn's that the
setting "is intended for development", and uvicorn refuses it together with \`--workers\`. In an image's
default command it costs CPU for nothing unless the sources are bind-mounted for development. Keep it in
the development override (Compose \`command\`) instead. Information only.`,
  check(model) {
    const findings: Finding[] = [];
    const last = model.stages[model.stages.length - 1];
    for (const ins of last?.instructions ?? []) {
      if (ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT') continue;
      const text = ins.json ? ins.json.join(' ') : model.text.slice(ins.argsStart, ins.end);
      const m = RELOADING.exec(text);
      if (!m) continue;
      findings.push({
        ruleId: ID,
        range: ins.range,
        message: `\`${m[1] === 'flask' ? 'flask run' : m[1]} --reload\` in the image's default command: auto-reload is a development setting (it watches the files and restarts the server). Keep it in a development override such as Compose \`command\`.`,
        fixes: [],
      });
    }
    return findings;
  },
};
