// Hover topic: one line on what this value of `restart`, `network_mode`, `container_name` or `profiles` does.
import type { HoverTopic } from '../../core/rule';
import type { ComposeModel } from '../model';
import { scalarText } from '../yamlTree';
import { code, cursorAt, nodeRange } from './cursor';

export const serviceOptionsHover: HoverTopic<ComposeModel> = {
  id: 'service-options',
  kind: 'compose',
  hover(model, position) {
    const cursor = cursorAt(model, position);
    const service = cursor?.service;
    if (!cursor || !service) return undefined;
    const key = cursor.path[2];
    let text: string | undefined;
    if (key === 'restart' && service.restart) {
      const v = service.restart.interpolated.value;
      const m = /^on-failure(?::(\d+))?$/.exec(v);
      text =
        v === 'no' ? '`restart: no` (the default): the engine never restarts the container by itself.'
        : v === 'always' ? '`restart: always`: restarted whenever it stops, and started again when the Docker daemon starts (unless removed); a manual stop holds until the daemon restarts.'
        : v === 'unless-stopped' ? '`restart: unless-stopped`: like `always`, except after you stopped it by hand.'
        : m ? `\`restart: ${v}\`: restarted only when it exits with a non-zero code${m[1] ? `, at most ${m[1]} times` : ''}.`
        : `${code(v)} is not a restart policy (\`no\`, \`always\`, \`on-failure[:N]\`, \`unless-stopped\`).`;
      text += ' An unhealthy container is not restarted by this policy.';
    } else if (key === 'network_mode' && service.networkMode) {
      const v = service.networkMode.interpolated.value;
      text =
        v === 'host' ? '`network_mode: host`: shares the host\'s network stack: no port mapping (published `ports` are discarded), other services cannot reach it by service name, and it sees the host\'s `localhost`.'
        : v === 'none' ? '`network_mode: none`: no network at all except loopback.'
        : v.startsWith('service:') ? `Shares the network stack of service ${code(v.slice(8))}: same IP, same \`localhost\`, and its ports are published there.`
        : v.startsWith('container:') ? `Shares the network stack of container ${code(v.slice(10))}.`
        : v === 'bridge' ? '`network_mode: bridge`: the engine\'s default bridge network, not the project network: service names do not resolve there.'
        : `Network mode ${code(v)}.`;
    } else if (key === 'container_name' && service.containerName) {
      text = `The container is named exactly ${code(service.containerName.interpolated.value)} instead of \`${model.project.name}-${service.name}-1\`: the name must be unique on the engine, so the service cannot be scaled beyond one container and two projects cannot both use it.`;
    } else if (key === 'profiles') {
      const names = service.profiles.length > 0 ? service.profiles : [scalarText(cursor.node, cursor.doc) ?? ''];
      text = `Started only when a profile ${names.map(code).join(' or ')} is enabled (\`docker compose --profile ${names[0]} up\` or \`COMPOSE_PROFILES\`), or when the service is named on the command line; services without \`profiles\` always start.`;
    }
    return text ? { markdown: `**${key}** (${code(service.name)})\n\n${text}`, range: nodeRange(model, cursor.node) } : undefined;
  },
};
