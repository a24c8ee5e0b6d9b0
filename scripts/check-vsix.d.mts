// Types of scripts/check-vsix.mjs for test/check-vsix.test.ts.
export interface ZipEntry {
  name: string;
  size: number;
  compressed: number;
}
export interface Manifest {
  icon?: string;
  contributes?: { grammars?: { path: string }[] };
}
export function zipEntries(buf: Buffer): ZipEntry[];
export function expectedEntries(manifest: Manifest): string[];
export function checkVsix(input: { bytes: number; entries: ZipEntry[]; manifest: Manifest }): string[];
