// Reads a spec that may be split over several files: the main file, then every file its
// `$ref`s name, relative to the file that holds each ref. The only part of load/ that reads
// files besides the templates; everything else here is pure.
import { readFile, realpath } from 'node:fs/promises';
import { bundleRefs, readReachableFiles, type BundledSpec, type SpecFileSystem } from './bundle-refs.js';
import { decodeUtf8 } from './decode-utf8.js';
import { loadSpec, type LoadCache } from './load-spec.js';

const DISK: SpecFileSystem = {
  readFile: (path) => readFile(path),
  realPath: (path) => realpath(path),
};

/**
 * The spec whose main file `file` (as the user named it) was read from the absolute `path` with
 * `text`, bundled into one document. Throws a SpecError holding every problem and the text of
 * every file read. With `cache` (watch mode), the main file is read from its last parse.
 */
export async function loadSpecFiles(file: string, text: string, path: string, cache?: LoadCache): Promise<BundledSpec> {
  return bundleRefs(loadSpec(file, text, cache === undefined ? {} : { cache }), path, DISK);
}

/**
 * The absolute paths of the files a spec is made of (the main file first, then every file its
 * refs name, missing ones too), for `--watch`. Never throws: a file that cannot be read or parsed
 * is still listed, so that fixing it triggers a run.
 */
export async function listSpecFiles(path: string): Promise<string[]> {
  try {
    const main = loadSpec(path, decodeUtf8(path, await readFile(path)));
    const { states } = await readReachableFiles({ file: path, path, identity: await realpath(path), loaded: main }, DISK);
    return [path, ...[...states.keys()].filter((p) => p !== path).sort()];
  } catch {
    return [path];
  }
}
