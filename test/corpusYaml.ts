// The YAML files of the shared corpus that tests of the YAML layer read: real compose files, the crashers
// (inputs that broke a peer or a parser) and the generated stress files.
import { readdirSync } from 'node:fs';
import * as path from 'node:path';

export const CORPUS = path.resolve(process.env.DOCKLENS_CORPUS ?? '../shared/corpus');

export function corpusYamlFiles(): string[] {
  return ['compose', 'crashers', 'stress'].flatMap((set) =>
    readdirSync(path.join(CORPUS, set))
      .filter((f) => /\.ya?ml$/i.test(f))
      .map((f) => path.join(CORPUS, set, f)),
  );
}
