// Hover topic: `image`: registry, repository, tag or digest, and what the tag means for reproducibility.
import type { HoverTopic } from '../../core/rule';
import { parseImageRef } from '../imageRef';
import type { ComposeModel } from '../model';
import { code, cursorAt, nodeRange } from './cursor';

export const imageHover: HoverTopic<ComposeModel> = {
  id: 'image',
  kind: 'compose',
  hover(model, position) {
    const cursor = cursorAt(model, position);
    const service = cursor?.service;
    if (!cursor || !service?.image || cursor.path[2] !== 'image' || cursor.path.length !== 3) return undefined;
    const text = service.image.interpolated.value;
    const ref = parseImageRef(text);
    if (!ref) return undefined;
    const lines = [`**Image ${code(text)}** (${code(service.name)})`, ''];
    lines.push(`- Registry: ${code(ref.registry)}${ref.registry === 'docker.io' ? ' (Docker Hub, the default)' : ''}; repository ${code(ref.repository)}${ref.official ? ' (an official image)' : ''}.`);
    if (ref.digest) lines.push(`- Pinned by digest ${code(ref.digest.slice(0, 19) + '…')}: always exactly the same image${ref.tag ? ` (the tag ${code(ref.tag)} is only informative)` : ''}.`);
    else if (!ref.tag || ref.tag === 'latest') lines.push(`- ${ref.tag ? 'Tag `latest`' : 'No tag, so `latest`'}: whatever was pushed last. Each pull can bring a new major version; pin a version (or a digest) for reproducible setups.`);
    else if (/^\d+$/.test(ref.tag) || /^\d+-/.test(ref.tag)) lines.push(`- Tag ${code(ref.tag)} follows a major version: minor and patch updates arrive with each pull.`);
    else lines.push(`- Tag ${code(ref.tag)}.`);
    lines.push(
      service.build
        ? '- With `build:` also set and no `pull_policy`, Compose first tries to pull this image and builds it from source (tagging the result with this name) only when neither the registry nor the local image cache has it.'
        : `- Compose pulls it when it is missing locally (the default \`pull_policy: missing\`)${!ref.digest && (!ref.tag || ref.tag === 'latest') ? ', but a `latest` tag is pulled every time' : ''}.`,
    );
    return { markdown: lines.join('\n'), range: nodeRange(model, service.image.node) };
  },
};
