// A spec split over files: relative $refs are resolved from the referring file's folder, each
// referenced object becomes one component (one type per schema, however many paths reach it),
// and every diagnostic points at the file and line where its node was written.
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SpecError, type Diagnostic } from '../../generator/diagnostics/diagnostic.js';
import { listSpecFiles, loadSpecFiles } from '../../generator/load/load-spec-files.js';
import { generate } from '../../generator/pipeline.js';
import { typeCheckTrees } from '../support/typecheck.js';
import { runCli } from '../support/cli.js';

const FIXTURE = 'test/fixtures/multi-file/pets';
const MAIN = `${FIXTURE}/openapi.yaml`;
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sdkgen-multi-file-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Writes `files` (path -> text) under a fresh folder and returns it. */
async function specFolder(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(work, 'spec-'));
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

async function problemsOf(dir: string, spec = 'api.yaml'): Promise<readonly Diagnostic[]> {
  try {
    await generate({ spec, cwd: dir, write: false });
  } catch (error) {
    if (error instanceof SpecError) return error.diagnostics;
    throw error;
  }
  throw new Error('the spec was expected to fail');
}

/** Generates in memory: src/types.ts, its declared type names, and the warnings. */
async function typesOf(dir: string, options: { spec?: string; overlays?: string[] } = {}) {
  const { files, warnings } = await generate({
    spec: options.spec ?? 'api.yaml',
    cwd: dir,
    write: false,
    overlays: options.overlays ?? [],
  });
  const types = files.find((file) => file.path === 'src/types.ts')!.text;
  return { types, declared: [...types.matchAll(/^export (?:interface|type) (\w+)/gm)].map((match) => match[1]), warnings };
}

const api = (schema: string) => `openapi: 3.1.0
info:
  title: Things
  version: 1.0.0
paths:
  /things:
    get:
      operationId: listThings
      responses:
        "200":
          description: The things.
          content:
            application/json:
              schema:
${schema.replace(/^/gm, '                ')}
`;

describe('a spec split over files', () => {
  let out: string;
  let types: string;
  let warnings: readonly Diagnostic[];
  let specFiles: readonly string[] | undefined;

  beforeAll(async () => {
    out = join(work, 'pets-client');
    ({ warnings } = await generate({ spec: MAIN, out, onSpecFiles: (files) => (specFiles = files) }));
    types = await readFile(join(out, 'src/types.ts'), 'utf8');
  }, 60_000);

  it('tells a caller every file it read (watch mode watches them without parsing the spec again)', async () => {
    expect(specFiles).toEqual(await listSpecFiles(resolve(MAIN)));
  });

  it('generates exactly one type per schema, however many relative paths reach it', () => {
    const declared = [...types.matchAll(/^export (?:interface|type) (\w+)/gm)].map((match) => match[1]);
    expect(declared).toEqual([
      'Animal', // schemas/pet.yaml#/properties/animal, also referred to from new-pet.json
      'Breed', // common/common.yaml#/components/schemas/Breed, from schemas/animals/dog.yaml
      'Cat', // schemas/animals/cat.yaml, a discriminator mapping value too
      'Dog',
      'Error', // a pointer into common/common.yaml
      'ErrorDetail', // a ref local to common/common.yaml
      'Id',
      'ListPetsResponse',
      'NewPet', // schemas/new-pet.json
      'Owner', // components/schemas/Owner is only a ref to schemas/owner.yaml
      'Pet', // ./schemas/pet.yaml, ../schemas/pet.yaml, pet.yaml, ../schemas/animals/../pet.yaml
      'Tag', // schemas/tag.json, from pet.yaml and new-pet.json
      'GetOwnerPathParams',
      'ListPetsQueryParams',
      'GetPetPathParams',
    ]);
    expect(warnings).toEqual([]);
  });

  it('keeps recursion across files (pet.yaml -> owner.yaml -> pet.yaml) as named types', () => {
    expect(types).toMatch(
      /export interface Pet \{[^}]*\bowner\?: Owner;[^}]*\btags\?: Tag\[\];|export interface Pet \{[^}]*\btags\?: Tag\[\];[^}]*\bowner\?: Owner;/,
    );
    expect(types).toMatch(/export interface Owner \{[^}]*\bpets\?: Pet\[\];/);
    expect(types).toContain('A pet, with its owner.');
  });

  it('validates with the schemas of every file', async () => {
    const validators = await import(pathToFileURL(join(out, 'src/validators.ts')).href);
    const pet = {
      id: 'rex',
      name: 'Rex',
      animal: { kind: 'dog', breed: 'collie' },
      tags: [{ name: 'good' }],
      owner: { id: 'ann', name: 'Ann', pets: [] },
    };
    expect(validators.Pet.validate(pet)).toEqual([]);
    // Id's pattern (common.yaml), Tag's required name (tag.json), Breed's enum (common.yaml via dog.yaml;
    // 'request' mode: 'loose' would keep an unlisted breed as a value a newer API may send)
    const issues = validators.Pet.validate({ ...pet, id: 'Rex!', tags: [{}], animal: { kind: 'dog', breed: 'husky' } }, 'request');
    expect(issues.map((issue: { path: readonly (string | number)[] }) => issue.path.join('.')).sort()).toEqual([
      'animal.breed',
      'id',
      'tags.0.name',
    ]);
  });

  it('type-checks', () => {
    // the package's own tsconfig, the runtime core shared; lib declarations are checked by test/unit/typecheck.test.ts
    expect(typeCheckTrees([{ root: resolve(out) }], { compilerOptions: { skipLibCheck: true } }).output).toBe('');
  }, 300_000);

  it('maps every pointer of the bundled document back to its file, line and column', async () => {
    const spec = await loadSpecFiles(MAIN, await readFile(MAIN, 'utf8'), resolve(MAIN));
    expect(spec.locate('/paths/~1pets/post/operationId')).toEqual({
      file: `${FIXTURE}/paths/pets.yaml`,
      line: 24,
      column: 16,
      pointer: '/post/operationId',
    });
    expect(spec.locate('/components/schemas/pet/properties/tags')).toMatchObject({
      file: `${FIXTURE}/schemas/pet.yaml`,
      line: 10,
      column: 3,
    });
    expect(spec.locate('/components/schemas/tag/required/0')).toMatchObject({ file: `${FIXTURE}/schemas/tag.json`, line: 4, column: 16 });
    expect(spec.locate('/components/schemas/Owner/properties/pets')).toMatchObject({
      file: `${FIXTURE}/schemas/owner.yaml`,
      line: 9,
      column: 3,
    });
    expect(spec.locate('/components/parameters/Limit/in')).toMatchObject({ file: `${FIXTURE}/common/common.yaml`, line: 36, column: 11 });
    expect(spec.locate('/paths/~1owners~1{ownerId}/get/operationId')).toMatchObject({ file: MAIN, line: 31 });
    expect([...spec.sources.keys()].sort()).toEqual(
      [
        'openapi.yaml',
        'common/common.yaml',
        'paths/pets.yaml',
        'schemas/animals/cat.yaml',
        'schemas/animals/dog.yaml',
        'schemas/new-pet.json',
        'schemas/owner.yaml',
        'schemas/pet.yaml',
        'schemas/tag.json',
      ]
        .map((f) => `${FIXTURE}/${f}`)
        .sort(),
    );
  });
});

describe('names of schemas from other files', () => {
  it('names a whole file after its base name and a pointer after its last segment; a clash goes through the naming module', async () => {
    const dir = await specFolder({
      'api.yaml': api(`type: object
properties:
  a: { $ref: ./schemas/line-item.yaml }
  b: { $ref: "./shared/common.yaml#/components/schemas/Money" }
  c: { $ref: "#/components/schemas/Money" }`).concat(`components:
  schemas:
    Money: { type: integer }
`),
      'schemas/line-item.yaml': 'type: object\nproperties:\n  price: { $ref: "../shared/common.yaml#/components/schemas/Money" }\n',
      'shared/common.yaml':
        'components:\n  schemas:\n    Money:\n      type: object\n      properties:\n        cents: { type: integer }\n',
    });
    const { files, warnings } = await generate({ spec: 'api.yaml', cwd: dir, write: false });
    const types = files.find((file) => file.path === 'src/types.ts')!.text;
    expect(types).toMatch(/export interface LineItem \{\s*price\?: Money2;\s*\}/);
    expect(types).toMatch(/export type Money = number;/);
    expect(types).toMatch(/export interface Money2 \{\s*cents\?: number;\s*\}/);
    expect(warnings.map((w) => [w.code, `${w.at.file}:${w.at.line}`, w.related?.[0]?.at.file])).toEqual([
      ['model/name-collision', 'shared/common.yaml:3', 'api.yaml'],
    ]);
  });

  it('an x-sdk-name in a referenced file picks the name: the clash above needs no number, and a whole file is renamed', async () => {
    const dir = await specFolder({
      'api.yaml': api(`type: object
properties:
  a: { $ref: ./schemas/line-item.yaml }
  b: { $ref: "./shared/common.yaml#/components/schemas/Money" }`).concat(`components:
  schemas:
    Money: { type: integer }
`),
      'schemas/line-item.yaml':
        'type: object\nx-sdk-name: OrderLine\nproperties:\n  price: { $ref: "../shared/common.yaml#/components/schemas/Money" }\n',
      'shared/common.yaml':
        'components:\n  schemas:\n    Money:\n      type: object\n      x-sdk-name: Cash\n      properties:\n        cents: { type: integer }\n',
    });
    const { types, declared, warnings } = await typesOf(dir);
    expect(types).toMatch(/export interface OrderLine \{\s*price\?: Cash;\s*\}/);
    expect(types).toMatch(/export type Money = number;/);
    expect(types).toMatch(/export interface Cash \{\s*cents\?: number;\s*\}/);
    expect(types).toMatch(/\ba\?: OrderLine;\s*b\?: Cash;/);
    expect(declared).not.toContain('Money2');
    expect(declared).not.toContain('LineItem');
    expect(warnings).toEqual([]);
  });
});

describe('which file a ref names', () => {
  it('one file reached through a symbolic link and through its real path is one file: one component, one type', async () => {
    const dir = await specFolder({
      'api.yaml': api(`type: object
properties:
  a: { $ref: ./real/money.yaml }
  b: { $ref: ./linked/money.yaml }
  c: { $ref: ./real/money-link.yaml }`),
      'real/money.yaml': 'type: object\nproperties:\n  cents: { type: integer }\n',
    });
    await symlink('real', join(dir, 'linked'), 'dir'); // a linked folder
    await symlink('money.yaml', join(dir, 'real', 'money-link.yaml'), 'file'); // a linked file, under another name
    const { types, declared, warnings } = await typesOf(dir);
    expect(types).toMatch(/\ba\?: Money;\s*b\?: Money;\s*c\?: Money;/);
    expect(declared.filter((name) => /money/i.test(name!))).toEqual(['Money']);
    expect(warnings).toEqual([]);
  });

  it('an absolute path in the file:/// form is read as it stands', async () => {
    const dir = await specFolder({
      'elsewhere/my specs/thing.yaml': 'type: object\ndescription: Read from a file URL.\nproperties:\n  size: { type: integer }\n',
    });
    // percent-encoded (my%20specs), as a file URL spells a space
    const url = pathToFileURL(join(dir, 'elsewhere', 'my specs', 'thing.yaml')).href;
    expect(url).toMatch(/^file:\/\/\/.*\/my%20specs\/thing\.yaml$/);
    await mkdir(join(dir, 'main'));
    await writeFile(join(dir, 'main', 'api.yaml'), api(`$ref: "${url}"`));
    const { types, warnings } = await typesOf(dir, { spec: 'main/api.yaml' });
    expect(types).toMatch(/Read from a file URL\.\s*\*\/\s*export interface Thing \{\s*size\?: number;\s*\}/);
    expect(warnings).toEqual([]);
  });

  it("a ../ ref may leave the main spec's folder (and the cwd)", async () => {
    const dir = await specFolder({
      'api/api.yaml': api('$ref: "../shared/common.yaml#/components/schemas/Money"'),
      'shared/common.yaml':
        'components:\n  schemas:\n    Money:\n      type: object\n      description: Beside the folder of the spec.\n      properties:\n        cents: { type: integer }\n',
    });
    const { types, warnings } = await typesOf(join(dir, 'api'));
    expect(types).toMatch(/Beside the folder of the spec\.\s*\*\/\s*export interface Money \{\s*cents\?: number;\s*\}/);
    expect(warnings).toEqual([]);
    const path = join(dir, 'api', 'api.yaml');
    const spec = await loadSpecFiles('api.yaml', await readFile(path, 'utf8'), path);
    expect([...spec.sources.keys()]).toEqual(['api.yaml', '../shared/common.yaml']);
    expect(spec.locate('/components/schemas/Money/properties/cents')).toMatchObject({ file: '../shared/common.yaml', line: 7 });
  });
});

describe('overlays on a spec split over files', () => {
  it("apply to the bundled spec as one document: an action targeting another file's schema changes it", async () => {
    const dir = await specFolder({
      'api.yaml': api(`type: object
properties:
  price: { $ref: "./shared/common.yaml#/components/schemas/Money" }
  item: { $ref: ./schemas/line-item.yaml }`),
      'schemas/line-item.yaml': 'type: object\nproperties:\n  name: { type: string }\n',
      'shared/common.yaml':
        'components:\n  schemas:\n    Money:\n      type: object\n      properties:\n        cents: { type: integer }\n',
      'api.overlay.yaml': `overlay: 1.0.0
info: { title: Money in other files, version: 1.0.0 }
actions:
  - target: $.components.schemas.Money.properties
    update:
      currency: { type: string }
  - target: "$.components.schemas['line-item']"
    update:
      required: [name]
`,
    });
    const before = await typesOf(dir);
    expect(before.types).toMatch(/export interface Money \{\s*cents\?: number;\s*\}/);
    expect(before.types).toMatch(/export interface LineItem \{\s*name\?: string;\s*\}/);
    const { types, warnings } = await typesOf(dir, { overlays: ['api.overlay.yaml'] });
    expect(types).toMatch(/export interface Money \{\s*cents\?: number;\s*currency\?: string;\s*\}/);
    expect(types).toMatch(/export interface LineItem \{\s*name: string;\s*\}/);
    expect(warnings).toEqual([]);
  });
});

describe('problems in multi-file specs are located in the file that holds them', () => {
  it('a missing file: at the ref, in the referring file (a subfolder file here), naming the path looked for', async () => {
    const dir = await specFolder({
      'api.yaml': api('$ref: ./schemas/thing.yaml'),
      'schemas/thing.yaml': 'type: object\nproperties:\n  part:\n    $ref: ./prat.yaml\n',
    });
    const [problem, ...rest] = await problemsOf(dir);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      code: 'load/read-failed',
      at: { file: 'schemas/thing.yaml', line: 4, column: 11, pointer: '/properties/part/$ref' },
    });
    expect(problem!.message).toBe('The $ref "./prat.yaml" points at schemas/prat.yaml, which does not exist.');
    expect(problem!.hint).toContain('resolved against the folder of the file that holds it (schemas/)');
  });

  it('a missing absolute path says that absolute paths must exist', async () => {
    const dir = await specFolder({ 'api.yaml': api(`$ref: "${join(work, 'nowhere', 'thing.yaml')}"`) });
    const [problem] = await problemsOf(dir);
    expect(problem).toMatchObject({ code: 'load/read-failed', at: { file: 'api.yaml', line: 15 } });
    expect(problem!.hint).toContain('An absolute path is read as it stands, so it must exist');
  });

  it('an absolute path that exists is read', async () => {
    const dir = await specFolder({ 'elsewhere/thing.yaml': 'type: object\ndescription: Read from an absolute path.\n' });
    await writeFile(join(dir, 'api.yaml'), api(`$ref: "${join(dir, 'elsewhere', 'thing.yaml')}"`));
    const { files } = await generate({ spec: 'api.yaml', cwd: dir, write: false });
    expect(files.find((file) => file.path === 'src/types.ts')!.text).toContain('Read from an absolute path.');
  });

  it('a URL ref is refused, never fetched', async () => {
    const dir = await specFolder({
      'api.yaml': api('$ref: ./thing.yaml'),
      'thing.yaml': 'type: object\nproperties:\n  owner:\n    $ref: "https://example.com/schemas/owner.yaml"\n',
    });
    const [problem, ...rest] = await problemsOf(dir);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ code: 'load/url-ref', at: { file: 'thing.yaml', line: 4, column: 11 } });
    expect(problem!.message).toBe('The $ref "https://example.com/schemas/owner.yaml" is a URL: refs to URLs are not fetched.');
    expect(problem!.hint).toMatch(/^Download the file and ref it relatively/);
  });

  it('a pointer to nothing in another file names the file, the missing key and the closest one', async () => {
    const dir = await specFolder({
      'api.yaml': api('$ref: "./defs.yaml#/components/schemas/Thnig"'),
      'defs.yaml': 'components:\n  schemas:\n    Thing: { type: object }\n',
    });
    const [problem] = await problemsOf(dir);
    expect(problem).toMatchObject({ code: 'model/unresolved-ref', at: { file: 'api.yaml', line: 15, column: 23 } });
    expect(problem!.message).toBe(
      'The $ref "./defs.yaml#/components/schemas/Thnig" points at nothing in defs.yaml: `/components/schemas` has no `Thnig`.',
    );
    expect(problem!.hint).toBe('Did you mean `/components/schemas/Thing`?');
  });

  it("a schema error inside another file: at its line and column there, with that file's code frame", async () => {
    const dir = await specFolder({
      'api.yaml': api('$ref: ./schemas/thing.yaml'),
      'schemas/thing.yaml': 'type: object\nproperties:\n  size:\n    type: integr\n',
    });
    const [problem] = await problemsOf(dir);
    expect(problem).toMatchObject({
      code: 'model/unsupported-construct',
      at: { file: 'schemas/thing.yaml', line: 4, column: 11, pointer: '/properties/size/type' },
    });
    const run = await runCli(['generate', '--spec', 'api.yaml', '--out', 'out'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('schemas/thing.yaml:4:11: error[model/unsupported-construct]');
    expect(run.stderr).toContain('  > 4 |     type: integr\n');
  });

  it('an OpenAPI schema violation inside another file is located there', async () => {
    const dir = await specFolder({
      'api.yaml': `openapi: 3.0.3
info: { title: Things, version: 1.0.0 }
paths:
  /things:
    get:
      operationId: listThings
      parameters:
        - $ref: "./common.yaml#/components/parameters/Limit"
      responses:
        "204": { description: Nothing. }
`,
      'common.yaml': 'components:\n  parameters:\n    Limit:\n      name: limit\n      in: qeury\n      schema: { type: integer }\n',
    });
    const problems = await problemsOf(dir);
    expect(problems.map((p) => [p.code, `${p.at.file}:${p.at.line}:${p.at.column}`])).toContainEqual([
      'validate/schema',
      'common.yaml:5:11',
    ]);
  });

  it('a YAML error in another file is located there, with a note at the ref', async () => {
    const dir = await specFolder({
      'api.yaml': api('$ref: ./thing.yaml'),
      'thing.yaml': 'type: object\nproperties:\n  a: { type: string\n',
    });
    const [problem] = await problemsOf(dir);
    expect(problem).toMatchObject({ code: 'load/yaml-syntax', at: { file: 'thing.yaml' } });
    expect(problem!.related).toEqual([
      { message: 'referenced by "./thing.yaml"', at: expect.objectContaining({ file: 'api.yaml', line: 15, column: 23 }) },
    ]);
  });

  it('a referenced file that is not UTF-8 is located there, like the main file, with a note at the ref', async () => {
    const dir = await specFolder({ 'api.yaml': api('$ref: ./thing.yaml') });
    await writeFile(
      join(dir, 'thing.yaml'),
      Buffer.concat([Buffer.from('type: object\ndescription: Caf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    );
    const [problem] = await problemsOf(dir);
    expect(problem).toMatchObject({ code: 'load/invalid-utf8', at: { file: 'thing.yaml', line: 2, column: 17 } });
    expect(problem!.related).toEqual([
      { message: 'referenced by "./thing.yaml"', at: expect.objectContaining({ file: 'api.yaml', line: 15, column: 23 }) },
    ]);
  });

  it('a $ref in an example value is data: neither followed nor reported', async () => {
    const dir = await specFolder({
      'api.yaml': api('type: object\nexample: { $ref: ./not-a-file.yaml }\nproperties:\n  a: { $ref: ./a.yaml }'),
      'a.yaml': 'type: string\n',
    });
    const { files } = await generate({ spec: 'api.yaml', cwd: dir, write: false });
    expect(files.find((file) => file.path === 'src/types.ts')!.text).toMatch(/a\?: A;/);
  });

  it('a $ref in a default or an x- extension is data too: neither followed nor reported', async () => {
    const dir = await specFolder({
      'api.yaml': api(
        'type: object\ndefault: { $ref: ./not-a-file.yaml }\nx-origin: { $ref: ./missing.yaml }\nproperties:\n  a: { $ref: ./a.yaml }',
      ),
      'a.yaml': 'type: string\n',
    });
    const { files, warnings } = await generate({ spec: 'api.yaml', cwd: dir, write: false });
    expect(files.find((file) => file.path === 'src/types.ts')!.text).toMatch(/a\?: A;/);
    expect(warnings.map((warning) => warning.code)).not.toContain('load/read-failed');
  });
});
