// The real-spec corpus beside the repository (../shared/specs/real): 57 published specs nobody
// wrote for sdkgen, and the whole OpenAI API's published spec. The tests under test/corpus and
// test/openai take their specs from here.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const SPECS_ROOT = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'specs');
export const CORPUS = join(SPECS_ROOT, 'real');
/** The whole OpenAI spec; SDKGEN_OPENAI_SPEC points elsewhere (a checkout whose shared/ is not beside it). */
export const OPENAI_SPEC = resolve(
  import.meta.dirname,
  '..',
  '..',
  process.env['SDKGEN_OPENAI_SPEC'] ?? '../shared/specs/openai-openapi.yaml',
);

/** Every spec of the corpus (YAML or JSON, in subfolders too), relative to CORPUS, in name order; none without it. */
export function corpusSpecs(): string[] {
  if (!existsSync(CORPUS)) return [];
  const specs: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (/\.(ya?ml|json)$/.test(entry.name)) specs.push(relative(CORPUS, join(dir, entry.name)));
    }
  };
  walk(CORPUS);
  return specs;
}
