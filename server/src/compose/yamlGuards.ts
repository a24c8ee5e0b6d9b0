// yaml's type guards, taken once. They run for nearly every node of every analysis. Bundled, `yaml` is a
// CommonJS module behind esbuild's interop object, where each `isMap(…)` call first runs a property getter
// (1.2 ms of every keystroke's analysis of the 500-service stress file in a CPU profile); taken once here,
// calls are direct. yamlTree.ts re-exports them for the rest of the compose side.
import * as yaml from 'yaml';

export const isMap: typeof yaml.isMap = yaml.isMap;
export const isScalar: typeof yaml.isScalar = yaml.isScalar;
export const isSeq: typeof yaml.isSeq = yaml.isSeq;
export const isPair: typeof yaml.isPair = yaml.isPair;
export const isAlias: typeof yaml.isAlias = yaml.isAlias;
export const visit: typeof yaml.visit = yaml.visit;
