// The golden harness: every fixture spec generates exactly its committed tree, the real spec
// generates exactly generated/, and every bad fixture renders exactly its committed
// diagnostics. The runtime core is pinned once (test/golden/runtime-core/): each tree's
// src/internal/ files are links to it, and each generated runtime file must be the tree's header
// line and exactly the pinned file (test/support/trees.ts). `npm run test:update` rewrites the
// goldens (refused under CI).
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../generator/diagnostics/diagnostic.js';
import { renderDiagnostic } from '../../generator/diagnostics/render.js';
import { generate } from '../../generator/pipeline.js';
import { BUILD_SCRIPT, coreOf, CORE, readCore, replaceFiles, replaceTree, treeProblems, unifiedDiff } from '../support/trees.js';
import { writeFile, mkdir } from 'node:fs/promises';

const UPDATE = process.env['UPDATE_GOLDENS'] === '1';
const FIXTURE_SPECS = 'test/fixtures/specs';
const BAD_SPECS = 'test/fixtures/bad';
const GOLDEN = 'test/golden';
const RUNTIME_TEMPLATES = 'templates/runtime';

const specs = readdirSync(FIXTURE_SPECS).filter((file) => /\.(ya?ml|json)$/.test(file)).sort();
const bad = readdirSync(BAD_SPECS).filter((file) => /\.(ya?ml|json)$/.test(file)).sort();

describe('the runtime core', () => {
  // first: in update mode the trees below link to what this writes
  it('test/golden/runtime-core/ pins every runtime file, and build.mjs, as a package gets it under the header line', async () => {
    // every runtime template, rendered: a package ships the subset its modules import
    const { files } = await generate({ spec: 'spec/chatkit-sessions.yaml', write: false });
    const rendered = new Map(coreOf(files).map((file) => [file.path, file.text]));
    const core = [
      ...readdirSync(RUNTIME_TEMPLATES).filter((name) => name.endsWith('.ts')),
      // the build script, rendered from templates/build.mjs.hbs, is the same in every package
      BUILD_SCRIPT,
    ]
      .sort()
      .map((name) => ({ path: name, text: rendered.get(name) ?? readFileSync(join(RUNTIME_TEMPLATES, name), 'utf8') }));
    expect([...rendered].filter(([name, text]) => core.find((file) => file.path === name)?.text !== text)).toEqual([]);
    if (UPDATE) return replaceFiles(CORE, core);
    const pinned = await readCore();
    const problems = [
      ...core.filter((file) => !pinned.has(file.path)).map((file) => `missing from ${CORE}: ${file.path}`),
      ...[...pinned.keys()].filter((name) => !core.some((file) => file.path === name)).map((name) => `orphaned in ${CORE}: ${name}`),
      ...core.filter((file) => pinned.has(file.path) && pinned.get(file.path) !== file.text).map((file) => unifiedDiff(`runtime-core/${file.path}`, pinned.get(file.path)!, file.text)),
    ].join('\n');
    expect(problems, `${problems}\nIf the change is intended, run \`npm run test:update\`.`).toBe('');
    expect(core.length).toBeGreaterThan(0);
  });
});

describe('golden trees', () => {
  it('no fixture is named like the pinned core', () => {
    expect(specs.map((file) => basename(file).replace(/\.(ya?ml|json)$/, ''))).not.toContain('runtime-core');
  });

  it.each(specs)('%s generates exactly test/golden/<name>/', async (file) => {
    const { files } = await generate({ spec: join(FIXTURE_SPECS, file), write: false });
    const dir = join(GOLDEN, basename(file).replace(/\.(ya?ml|json)$/, ''));
    if (UPDATE) return replaceTree(dir, files);
    const problems = await treeProblems(dir, files);
    expect(problems, problems).toBe('');
  });

  it('spec/chatkit-sessions.yaml with the custom-header templates generates exactly test/golden/chatkit-custom-templates/', async () => {
    const { files } = await generate({ spec: 'spec/chatkit-sessions.yaml', templates: 'test/fixtures/templates/custom-header', write: false });
    const dir = join(GOLDEN, 'chatkit-custom-templates');
    // the same spec as generated/: the golden holds the files the templates change, and links to generated/ for the rest
    if (UPDATE) return replaceTree(dir, files, { base: 'generated' });
    const problems = await treeProblems(dir, files);
    expect(problems, problems).toBe('');
  });

  it('spec/chatkit-sessions.yaml generates exactly generated/ (what --check verifies)', async () => {
    const { files } = await generate({ spec: 'spec/chatkit-sessions.yaml', write: false });
    const problems = await treeProblems('generated', files);
    expect(problems, problems).toBe('');
  });
});

describe('golden diagnostics', () => {
  it.each(bad)('%s fails with exactly test/golden/bad/<name>.txt', async (file) => {
    const spec = join(BAD_SPECS, file);
    const error = await generate({ spec, write: false }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error, `${file} generated without errors`).toBeInstanceOf(SpecError);
    const rendered = (error as SpecError).diagnostics.map((d) => renderDiagnostic(d, { sources: (error as SpecError).sources, color: false })).join('\n\n') + '\n';
    const golden = join(GOLDEN, 'bad', basename(file).replace(/\.(ya?ml|json)$/, '.txt'));
    if (UPDATE) {
      if (process.env['CI']) throw new Error('Goldens are never updated in CI.');
      await mkdir(join(GOLDEN, 'bad'), { recursive: true });
      return writeFile(golden, rendered);
    }
    const expected = await readFile(golden, 'utf8').catch(() => undefined);
    expect(expected, `missing golden ${golden}; it would hold:\n${rendered}`).toBeDefined();
    expect(rendered, unifiedDiff(golden, expected ?? '', rendered)).toBe(expected);
  });
});
