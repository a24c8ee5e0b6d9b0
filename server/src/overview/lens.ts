// The code lens that opens the overview sits on the top-level `services:` key of the file's first document
// that has one.
import { nodeRange } from '../compose/hovers/cursor';
import type { ComposeModel } from '../compose/model';
import { entry } from '../compose/yamlTree';
import type { Range } from '../core/types';

export function servicesKeyRange(model: ComposeModel): Range | undefined {
  for (const d of model.yaml.docs) {
    const services = entry(d.contents, 'services', d);
    if (services) return nodeRange(model, services.keyNode);
  }
  return undefined;
}
