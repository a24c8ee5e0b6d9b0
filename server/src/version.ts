// The package version, inlined by esbuild from package.json (only this field is bundled).
import { version } from '../../package.json';

export const VERSION: string = version;
