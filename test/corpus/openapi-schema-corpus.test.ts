// The OpenAPI meta-schema checks that validate-spec.ts runs are precompiled
// (generator/validate/openapi-schemas/): they must be exactly what a fresh compile writes, and
// give the validator library's own verdict on every published spec and on broken copies of each.
// The library's verdict is its schema check alone: a failed reference walk (reported as text)
// does not count, as in validate-spec.ts. Run by `npm run test:heavy`.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../generator/load/load-spec.js';
import { compiledFile, compileSchema, DECLARATION, VERSIONS } from '../../generator/validate/openapi-schemas/compile.js';
import type { OpenApiVersion } from '../../generator/validate/validate-spec.js';

const SPECS = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'specs');

function specFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? specFiles(join(dir, entry.name)) : /\.(ya?ml|json)$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

type Verdict = (document: unknown) => boolean;
const precompiled = new Map<string, Verdict>();
async function verdictOf(version: OpenApiVersion): Promise<Verdict> {
  let verdict = precompiled.get(version);
  if (verdict === undefined) {
    const module = (await import(pathToFileURL(compiledFile(version)).href)) as { validate: Verdict };
    verdict = module.validate;
    precompiled.set(version, verdict);
  }
  return verdict;
}

const library = new Validator({ strict: false });
async function libraryVerdict(document: unknown): Promise<boolean> {
  const result = await library.validate(structuredClone(document) as Record<string, unknown>);
  return result.valid || typeof result.errors === 'string';
}

/** Copies of a valid document, each broken in one place the meta-schema checks. */
function brokenCopies(document: Record<string, unknown>): Record<string, unknown>[] {
  const copy = () => structuredClone(document);
  const copies: Record<string, unknown>[] = [];
  const noInfo = copy();
  delete noInfo['info'];
  copies.push(noInfo, { ...copy(), paths: 42 }, { ...copy(), unknownTopLevel: true }, { ...copy(), info: { title: 7 } });
  const paths = document['paths'];
  const first = typeof paths === 'object' && paths !== null ? Object.keys(paths)[0] : undefined;
  if (first !== undefined) {
    const broken = copy();
    (broken['paths'] as Record<string, unknown>)[first] = { get: { responses: 'none' } };
    copies.push(broken);
    const badParameter = copy();
    (badParameter['paths'] as Record<string, unknown>)[first] = { parameters: [{ name: 'id', in: 'nowhere' }] };
    copies.push(badParameter);
  }
  return copies;
}

describe('the precompiled OpenAPI meta-schema checks', () => {
  it.each(VERSIONS.map((version) => [version]))('OpenAPI %s: the committed file is a fresh compile', (version) => {
    const file = compiledFile(version);
    // (a boolean, not the texts: a diff of two 300 KB lines says nothing)
    const stale = `${file.slice(file.indexOf('generator/'))} is not what ajv compiles today: run npm run compile:schemas`;
    expect(readFileSync(file, 'utf8') === compileSchema(version), stale).toBe(true);
    expect(readFileSync(file.replace(/\.js$/, '.d.ts'), 'utf8')).toBe(DECLARATION);
  });

  const files = [...specFiles(join(SPECS, 'real')), join(SPECS, 'openai-openapi.yaml')].sort();

  it('covers the whole corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(58);
  });

  it.each(files.map((file) => [relative(SPECS, file), file]))(
    '%s: the library verdict, on the spec and broken copies',
    async (name, file) => {
      const root = loadSpec(name, readFileSync(file, 'utf8')).root as Record<string, unknown>;
      const declared = String(root['openapi'] ?? '');
      const version = VERSIONS.find((candidate) => declared.startsWith(`${candidate}.`));
      if (version === undefined) throw new Error(`${name}: OpenAPI ${declared} is not one sdkgen reads`);
      const verdict = await verdictOf(version);
      const documents = [root, ...brokenCopies(root)];
      const ours = documents.map((document) => verdict(document));
      const theirs = await Promise.all(documents.map(libraryVerdict));
      expect(ours).toEqual(theirs);
      // each broken copy is broken
      expect(ours.slice(1).every((valid) => !valid)).toBe(true);
    },
  );
});
