// Hover topic: `${VAR}` interpolation in any value, and `environment` / `env_file` entries: the value and
// where it came from (.env, default, unset), masked for secret-looking names unless revealed.
import type { HoverTopic } from '../../core/rule';
import { interpolate, type VariableRef } from '../interpolate';
import type { ComposeModel } from '../model';
import { isScalar, scalarText } from '../yamlTree';
import { code, cursorAt, mask, nodeRange } from './cursor';

export const variablesHover: HoverTopic<ComposeModel> = {
  id: 'variables',
  kind: 'compose',
  hover(model, position, { revealSecrets }) {
    const cursor = cursorAt(model, position);
    if (!cursor || !isScalar(cursor.node) || cursor.onKey) return environmentKey(model, cursor, revealSecrets);
    const raw = scalarText(cursor.node, cursor.doc);
    if (raw === undefined || !raw.includes('$')) return environmentKey(model, cursor, revealSecrets);
    const result = interpolate(raw, model.lookup);
    if (result.refs.length === 0 && !result.error) {
      if (!raw.includes('$$')) return undefined;
      return { markdown: `**${code('$$')}** is Compose's escape for a literal \`$\`: the value is ${code(result.value)}.`, range: nodeRange(model, cursor.node) };
    }
    const lines = [`**Interpolated** by Compose when it loads the file`, ''];
    for (const ref of result.refs) lines.push(`- ${describeRef(ref, revealSecrets)}`);
    if (result.error && !result.refs.some((r) => r.resolution === 'required')) lines.push(`- ${result.error}`);
    const shown = maskAll(result.value, result.refs, revealSecrets);
    lines.push('', `Result: ${shown === '' ? 'an empty string' : code(shown)}`, '', '`.env` feeds this interpolation only; it does not set variables inside the container (`environment` and `env_file` do). Your shell\'s variables win over `.env`.');
    return { markdown: lines.join('\n'), range: nodeRange(model, cursor.node) };
  },
};

function maskAll(value: string, refs: VariableRef[], reveal: boolean): string {
  let out = value;
  for (const r of refs) if (r.value && mask(r.name, r.value, reveal) !== r.value) out = out.split(r.value).join('••••••');
  return out;
}

/** One line per reference, as the hover lists it (the variables inlay hint uses it as its tooltip). */
export function describeRef(ref: VariableRef, reveal: boolean): string {
  const shown = (v: string) => code(mask(ref.name, v, reveal));
  const name = code('$' + ref.name);
  switch (ref.resolution) {
    case 'set':
      if (ref.value === '') return `${name} is set to an empty value (${ref.source?.origin ?? 'the environment'})${ref.operator === '-' ? ', and `-` only replaces an unset variable' : ''}.`;
      return `${name} = ${shown(ref.value)} from ${ref.source?.origin ?? 'the environment'}.`;
    case 'default':
      return `${name} is ${ref.source ? 'empty' : 'not set'} in \`.env\`, so the default ${shown(ref.value)} is used (\`${ref.operator}\` ${ref.operator === ':-' ? 'also replaces an empty value' : 'only replaces an unset one'}).`;
    case 'alternative':
      return `${name} is set, so ${code(ref.value)} is used (\`${ref.operator}\`).`;
    case 'empty':
      return `${name} is not set, so \`${ref.operator}\` gives an empty string.`;
    case 'required':
      return `${name} is required (\`${ref.operator}\`) and not set in \`.env\`: Compose stops with "required variable ${ref.name} is missing a value: ${ref.argument}" unless your shell sets it.`;
    case 'unset':
      return `${name} is not set in \`.env\` and has no default: Compose substitutes an empty string (warning "The \\"${ref.name}\\" variable is not set. Defaulting to a blank string.") unless your shell sets it.`;
  }
}

function environmentKey(model: ComposeModel, cursor: ReturnType<typeof cursorAt>, reveal: boolean) {
  const service = cursor?.service;
  if (!cursor || !service) return undefined;
  if (cursor.path[2] === 'environment' && cursor.path.length >= 4) {
    const key = typeof cursor.path[3] === 'string' ? cursor.path[3] : (scalarText(cursor.node, cursor.doc) ?? '').split('=')[0]!;
    const entry = service.environment.find((e) => e.name === key);
    if (!entry) return undefined;
    const value = entry.value === undefined ? 'taken from the shell that runs `docker compose` (no value given here)' : `= ${code(mask(key, entry.value, reveal))}`;
    return {
      markdown: `**${code(key)}** in ${code(service.name)}'s container ${value}.\n\nSet in the container's environment; \`environment\` wins over \`env_file\`.`,
      range: nodeRange(model, cursor.node),
    };
  }
  if (cursor.path[2] === 'env_file') {
    return {
      markdown: `**env_file** (${code(service.name)})\n\nEach \`KEY=value\` line of these files (relative to the compose file's folder; later files win) is set in the container's environment; \`environment\` wins over them. Unlike \`.env\`, they do not feed \`\${VAR}\` interpolation of this file.`,
      range: nodeRange(model, cursor.node),
    };
  }
  return undefined;
}
