// Pagination detection over the real-spec corpus: which operations of the 57 published specs
// page, and how, pinned against the counts the README gives. The model alone is built (the specs
// are valid: real-specs.test.ts checks them whole). Run by `npm run test:heavy`.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpecFiles } from '../../generator/load/load-spec-files.js';
import { buildModel } from '../../generator/model/build-model.js';
import { validateLater } from '../../generator/validate/validate-spec.js';
import { CORPUS, corpusSpecs } from '../support/corpus.js';

describe('the real-spec corpus', () => {
  it("pages 36 operations by number, 29 by next link and 8 by cursor (the README's counts)", async () => {
    const files = corpusSpecs().map((spec) => join(CORPUS, spec));
    const styles: Record<string, Record<string, number>> = {};
    for (const file of files) {
      const spec = await loadSpecFiles(relative(CORPUS, file), readFileSync(file, 'utf8'), file);
      for (const op of buildModel((await validateLater(spec)).checked).api.operations) {
        if (op.pagination === undefined) continue;
        const name = relative(CORPUS, file);
        styles[op.pagination.style] ??= {};
        styles[op.pagination.style]![name] = (styles[op.pagination.style]![name] ?? 0) + 1;
      }
    }
    // the README's "the 57 of `../shared/specs/real/`" (real-specs.test.ts holds the README to the count)
    expect(files.length).toBe(57);
    expect(styles).toEqual({
      page: { 'chompthis.com_1.0.0-oas3.yaml': 2, 'linode.com_4.5.0.yaml': 34 },
      'next-url': { 'azure.com_billing_2019-10-01-preview.yaml': 29 },
      cursor: { 'amazonaws.com_macie2_2020-01-01.yaml': 4, 'amazonaws.com_outposts_2019-12-03.yaml': 3, 'twitter.com_labs_1.12.yaml': 1 },
    });
  }, 120_000);
});
