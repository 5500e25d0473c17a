// `sdkgen diff` on pairs of fixture specs, one pair per rule (test/fixtures/diff/<rule>/old.yaml
// and new.yaml): the kinds, severities and bump of each; the three output formats, pinned for a
// realistic ChatKit pair; and the command's flags, exit codes and located diagnostics.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHANGE_KINDS, type ChangeKind, type ChangeSeverity, type SpecDiff, type VersionBump } from '../../generator/diff/change-kinds.js';
import { runDiffCommand } from '../../generator/diff/diff-command.js';
import { diffSpecs } from '../../generator/diff/diff-specs.js';
import { isSimilarName } from '../../generator/diff/rename-heuristic.js';
import { renderDiff } from '../../generator/diff/render-diff.js';

const FIXTURES = 'test/fixtures/diff';
const oldSpec = (rule: string) => `${FIXTURES}/${rule}/old.yaml`;
const newSpec = (rule: string) => `${FIXTURES}/${rule}/new.yaml`;
const diffRule = (rule: string) => diffSpecs(oldSpec(rule), newSpec(rule));

interface Expected {
  readonly bump: VersionBump;
  readonly changes: readonly (readonly [ChangeKind, ChangeSeverity])[];
}

const B = 'breaking';
const F = 'feature';
const P = 'fix';

/** Every fixture pair and what it must report, in the order diffSpecs sorts changes. */
const RULES: Record<string, Expected> = {
  'no-change': { bump: 'none', changes: [] },
  'literal-values-reordered': { bump: 'none', changes: [] },
  // operations and the client's surface
  'operation-removed': { bump: 'major', changes: [['operation-removed', B]] },
  'operation-renamed': { bump: 'major', changes: [['operation-renamed', B]] },
  'operation-added': { bump: 'minor', changes: [['operation-added', F]] },
  'client-method-moved': { bump: 'major', changes: [['client-method-moved', B]] },
  'operation-endpoint-changed': { bump: 'patch', changes: [['operation-endpoint-changed', P]] },
  'fixed-header-changed': { bump: 'patch', changes: [['fixed-header-changed', P]] },
  deprecated: { bump: 'minor', changes: [['deprecated', F]] },
  'doc-change': {
    bump: 'patch',
    changes: [
      ['doc-changed', P],
      ['doc-changed', P],
      ['doc-changed', P],
    ],
  },
  // parameters
  'parameter-removed': { bump: 'major', changes: [['parameter-removed', B]] },
  'parameter-renamed': { bump: 'major', changes: [['parameter-renamed', B]] },
  'parameter-added-required': { bump: 'major', changes: [['parameter-added-required', B]] },
  'parameter-added-optional': { bump: 'minor', changes: [['parameter-added-optional', F]] },
  'method-arguments-changed': {
    bump: 'major',
    changes: [
      ['method-arguments-changed', B],
      ['parameter-added-optional', F],
    ],
  },
  'parameter-made-required': { bump: 'major', changes: [['parameter-made-required', B]] },
  'parameter-made-optional': { bump: 'minor', changes: [['parameter-made-optional', F]] },
  // request bodies
  'request-field-removed': { bump: 'major', changes: [['request-field-removed', B]] },
  'request-field-renamed': { bump: 'major', changes: [['field-renamed', B]] },
  'request-field-made-required': { bump: 'major', changes: [['request-field-made-required', B]] },
  'request-field-made-optional': { bump: 'minor', changes: [['request-field-made-optional', F]] },
  'request-field-added-required': { bump: 'major', changes: [['request-field-added-required', B]] },
  'request-field-added-optional': { bump: 'minor', changes: [['request-field-added-optional', F]] },
  'request-field-nullable': { bump: 'minor', changes: [['request-field-nullable', F]] },
  'request-field-non-nullable': { bump: 'major', changes: [['request-field-non-nullable', B]] },
  'type-changed': { bump: 'major', changes: [['type-changed', B]] },
  'type-narrowed': { bump: 'major', changes: [['request-type-narrowed', B]] },
  'type-widened': { bump: 'minor', changes: [['request-type-widened', F]] },
  'request-object-closed': { bump: 'major', changes: [['request-type-narrowed', B]] },
  'request-union-widened': { bump: 'minor', changes: [['request-type-widened', F]] },
  'constraint-changed': { bump: 'major', changes: [['constraint-changed', B]] },
  'enum-value-removed-from-request': { bump: 'major', changes: [['request-enum-value-removed', B]] },
  'enum-value-added-to-request-only-enum': { bump: 'major', changes: [['request-enum-value-added', B]] },
  // responses
  'response-field-removed': { bump: 'major', changes: [['response-field-removed', B]] },
  'stream-event-field-removed': { bump: 'major', changes: [['response-field-removed', B]] },
  'unreached-schema-field-removed': { bump: 'major', changes: [['response-field-removed', B]] },
  'response-kind-changed': { bump: 'major', changes: [['response-kind-changed', B]] },
  'pagination-changed': { bump: 'major', changes: [['response-kind-changed', B]] },
  'allof-part-removed-from-request': {
    bump: 'major',
    changes: [
      ['request-field-removed', B],
      ['request-type-widened', F],
    ],
  },
  'format-changed': {
    bump: 'patch',
    changes: [
      ['doc-changed', P],
      ['doc-changed', P],
    ],
  },
  'request-encoding-changed': { bump: 'patch', changes: [['request-encoding-changed', P]] },
  'response-field-added': { bump: 'minor', changes: [['response-field-added', F]] },
  'response-field-made-optional': { bump: 'major', changes: [['response-field-made-optional', B]] },
  'response-field-made-required': { bump: 'minor', changes: [['response-field-made-required', F]] },
  'response-field-made-nullable': { bump: 'major', changes: [['response-field-nullable', B]] },
  'response-field-non-nullable': { bump: 'minor', changes: [['response-field-non-nullable', F]] },
  'response-type-widened': { bump: 'major', changes: [['response-type-widened', B]] },
  'response-type-narrowed': { bump: 'minor', changes: [['response-type-narrowed', F]] },
  'response-object-opened': { bump: 'minor', changes: [['response-object-opened', F]] },
  'enum-value-removed-from-response': { bump: 'major', changes: [['response-enum-value-removed', B]] },
  'enum-value-added-to-response': { bump: 'minor', changes: [['response-enum-value-added', F]] },
  // named types and the package
  'schema-removed': { bump: 'major', changes: [['schema-removed', B]] },
  'schema-added': { bump: 'minor', changes: [['schema-added', F]] },
  'schema-renamed': { bump: 'major', changes: [['schema-renamed', B]] },
  'inline-body-to-component': { bump: 'major', changes: [['schema-renamed', B]] },
  'client-renamed': { bump: 'major', changes: [['client-renamed', B]] },
  'package-renamed': { bump: 'major', changes: [['package-renamed', B]] },
  'client-env-changed': { bump: 'major', changes: [['client-env-changed', B]] },
  'base-url-changed': { bump: 'patch', changes: [['base-url-changed', P]] },
  'auth-changed': { bump: 'major', changes: [['auth-changed', B]] },
  'open-union-values-changed': { bump: 'minor', changes: [['open-union-values-changed', F]] },
  'discriminator-mapping-changed': {
    bump: 'major',
    changes: [
      ['request-type-narrowed', B],
      ['request-type-widened', F],
    ],
  },
  // a realistic next version of the ChatKit spec, several rules at once
  'chatkit-sessions': {
    bump: 'major',
    changes: [
      ['response-field-nullable', B],
      ['request-type-narrowed', B],
      ['response-enum-value-added', F],
      ['operation-added', F],
      ['request-type-widened', F],
      ['request-field-added-optional', F],
      ['doc-changed', P],
      ['fixed-header-changed', P],
      ['doc-changed', P],
    ],
  },
};

/** Fixture folders that are not a rule: specs with errors, for the command's tests. */
const NOT_RULES = ['broken-spec'];

describe('sdkgen diff rules', () => {
  it.each(Object.entries(RULES))('%s', async (rule, expected) => {
    const diff = await diffRule(rule);
    expect(diff.changes.map((change) => [change.kind, change.severity])).toEqual(expected.changes);
    expect(diff.bump).toBe(expected.bump);
  });

  it('has a table entry for every fixture folder, and a folder for every entry', () => {
    const folders = readdirSync(FIXTURES)
      .filter((name) => !NOT_RULES.includes(name))
      .sort();
    expect(folders).toEqual(Object.keys(RULES).sort());
  });

  it('exercises every change kind with at least one fixture', () => {
    const covered = new Set(Object.values(RULES).flatMap((expected) => expected.changes.map(([kind]) => kind)));
    expect(Object.keys(CHANGE_KINDS).filter((kind) => !covered.has(kind as ChangeKind))).toEqual([]);
  });

  it('gives every change the severity its kind has in the table', async () => {
    const diff = await diffRule('chatkit-sessions');
    for (const change of diff.changes) expect(change.severity).toBe(CHANGE_KINDS[change.kind].severity);
  });

  it('locates a change in both specs, a removal in the old one and an addition in the new one', async () => {
    const lineAt = (file: string, line: number) => readFileSync(file, 'utf8').split('\n')[line - 1]?.trim();
    const [narrowed] = (await diffRule('type-narrowed')).changes;
    expect(lineAt(oldSpec('type-narrowed'), narrowed!.location.old!.line)).toBe('maxLength: 64');
    expect(lineAt(newSpec('type-narrowed'), narrowed!.location.new!.line)).toBe('maxLength: 32');
    const [removed] = (await diffRule('request-field-removed')).changes;
    expect(removed!.location.new).toBeUndefined();
    expect(lineAt(oldSpec('request-field-removed'), removed!.location.old!.line)).toBe('tag:');
    const [added] = (await diffRule('operation-added')).changes;
    expect(added!.location.old).toBeUndefined();
    expect(lineAt(newSpec('operation-added'), added!.location.new!.line)).toBe('delete:');
  });

  it('words enum changes by side: what a request accepts, what a response can be', async () => {
    const message = async (rule: string) => (await diffRule(rule)).changes[0]?.message;
    expect(await message('enum-value-added-to-response')).toBe('In the response, `Pet.status` can now also be `"pending"`.');
    expect(await message('enum-value-removed-from-response')).toBe('In the response, `Pet.status` can no longer be `"adopted"`.');
    expect(await message('enum-value-added-to-request-only-enum')).toBe(
      'In the request, `PetCreateParams.kind` now also accepts `"rabbit"`.',
    );
    expect(await message('enum-value-removed-from-request')).toBe('In the request, `PetCreateParams.kind` no longer accepts `"dog"`.');
  });

  it('reports an inline body moved to a component as its exported type renamed, not as a new type', async () => {
    const [renamed] = (await diffRule('inline-body-to-component')).changes;
    expect(renamed?.message).toBe(
      'Renamed the type `CreatePetBody` of the request body of `client.pets.create` to `PetCreateParams`, with its validators.',
    );
  });

  it('is deterministic, and reversing the specs reverses the change', async () => {
    expect(await diffRule('chatkit-sessions')).toEqual(await diffRule('chatkit-sessions'));
    const reversed = await diffSpecs(newSpec('operation-added'), oldSpec('operation-added'));
    expect(reversed.changes.map((change) => change.kind)).toEqual(['operation-removed']);
  });
});

describe('renderDiff', () => {
  it('text: grouped by severity, one located line per change, then the bump', async () => {
    const diff = await diffRule('chatkit-sessions');
    const file = newSpec('chatkit-sessions');
    expect(renderDiff(diff, 'text')).toBe(
      `Breaking changes (2):
- In the response, \`ChatSession.user\` can now be null. (${file}:466)
- In the request, \`SessionCreateParams.user\` has maxLength 256 (had none). (${file}:289)

Features (4):
- In the response, \`ChatSession.status\` can now also be \`"paused"\`. (${file}:532)
- Added \`client.chatkit.sessions.retrieve\` (\`GET /chatkit/sessions/{session_id}\`, operation \`retrieveChatKitSession\`). (${file}:44)
- In the request, \`SessionCreateParams.expires_after.seconds\` has maximum 3600 (was 600). (${file}:414)
- Added the optional field \`SessionCreateParams.metadata\` to the request. (${file}:307)

Fixes and docs (3):
- Changed the description of \`ChatSession.user\`. (${file}:468)
- Every method now sends the header \`OpenAI-Beta: chatkit_beta=v2\` (was \`chatkit_beta=v1\`). (${file}:22)
- Changed the description of \`SessionCreateParams.workflow.version\`. (${file}:325)

Implies a major version bump.
`,
    );
  });

  it('markdown: a changelog entry with the versions, the bump and a section per group', async () => {
    expect(renderDiff(await diffRule('chatkit-sessions'), 'markdown')).toBe(
      `## ChatKit Sessions API 1.0.0 → 2.0.0

Implies a **major** version bump.

### Breaking changes

- In the response, \`ChatSession.user\` can now be null.
- In the request, \`SessionCreateParams.user\` has maxLength 256 (had none).

### Features

- In the response, \`ChatSession.status\` can now also be \`"paused"\`.
- Added \`client.chatkit.sessions.retrieve\` (\`GET /chatkit/sessions/{session_id}\`, operation \`retrieveChatKitSession\`).
- In the request, \`SessionCreateParams.expires_after.seconds\` has maximum 3600 (was 600).
- Added the optional field \`SessionCreateParams.metadata\` to the request.

### Fixes and docs

- Changed the description of \`ChatSession.user\`.
- Every method now sends the header \`OpenAI-Beta: chatkit_beta=v2\` (was \`chatkit_beta=v1\`).
- Changed the description of \`SessionCreateParams.workflow.version\`.
`,
    );
  });

  it('json: { bump, changes } with a fixed key order and full locations', async () => {
    const location = (which: 'old' | 'new') => ({
      file: `${FIXTURES}/type-narrowed/${which}.yaml`,
      line: 75,
      column: 22,
      pointer: '/components/schemas/PetCreateParams/properties/name/maxLength',
    });
    const text = renderDiff(await diffRule('type-narrowed'), 'json');
    expect(text).toBe(
      `${JSON.stringify(
        {
          bump: 'major',
          changes: [
            {
              kind: 'request-type-narrowed',
              severity: 'breaking',
              side: 'request',
              subject: 'PetCreateParams.name',
              message: 'In the request, `PetCreateParams.name` has maxLength 32 (was 64).',
              location: { old: location('old'), new: location('new') },
            },
          ],
        },
        null,
        2,
      )}\n`,
    );
    const keys = Object.keys((JSON.parse(renderDiff(await diffRule('chatkit-sessions'), 'json')) as { changes: object[] }).changes[0]!);
    expect(keys).toEqual(['kind', 'severity', 'side', 'subject', 'message', 'location']);
  });

  it('says so when nothing changed, in every format', async () => {
    const diff = await diffRule('no-change');
    expect(renderDiff(diff, 'text')).toBe('No changes that affect the generated client.\n\nImplies no version bump.\n');
    expect(renderDiff(diff, 'markdown')).toBe(
      '## Pets API 1.0.0\n\nImplies no version bump.\n\nNo changes that affect the generated client.\n',
    );
    expect(renderDiff(diff, 'json')).toBe('{\n  "bump": "none",\n  "changes": []\n}\n');
  });

  it('notes that a 0.x version takes a minor bump for breaking changes', async () => {
    const diff = await diffRule('operation-removed');
    const zero: SpecDiff = { ...diff, old: { ...diff.old, version: '0.4.1', packageVersion: '0.4.1' } };
    expect(renderDiff(zero, 'text')).toContain(
      "Implies a major version bump. For a 0.x version a minor bump is enough: npm's ^0.y.z ranges never cross a minor.\n",
    );
    expect(renderDiff(diff, 'text')).toMatch(/Implies a major version bump\.\n$/);
  });
});

describe('runDiffCommand', () => {
  async function run(args: readonly string[], cwd = process.cwd()) {
    let stdout = '';
    let stderr = '';
    const code = await runDiffCommand(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), color: false, cwd });
    return { code, stdout, stderr };
  }

  it('prints the text report and exits 0 by default, even with breaking changes', async () => {
    const result = await run([oldSpec('type-narrowed'), newSpec('type-narrowed')]);
    expect(result).toEqual({ code: 0, stdout: renderDiff(await diffRule('type-narrowed'), 'text'), stderr: '' });
  });

  it('--format markdown and --format json', async () => {
    const markdown = await run([oldSpec('chatkit-sessions'), newSpec('chatkit-sessions'), '--format', 'markdown']);
    expect(markdown.stdout).toBe(renderDiff(await diffRule('chatkit-sessions'), 'markdown'));
    const json = await run(['--format=json', oldSpec('operation-added'), newSpec('operation-added')]);
    expect(JSON.parse(json.stdout)).toMatchObject({ bump: 'minor', changes: [{ kind: 'operation-added' }] });
  });

  it('--fail-on breaking exits 1 on a breaking change and 0 on a feature', async () => {
    const breaking = await run([oldSpec('response-field-removed'), newSpec('response-field-removed'), '--fail-on', 'breaking']);
    expect(breaking.code).toBe(1);
    expect(breaking.stdout).toContain('Removed `Pet.tag` from the response.');
    expect(breaking.stderr).toBe('sdkgen diff: 1 breaking change found (--fail-on breaking).\n');
    expect((await run([oldSpec('operation-added'), newSpec('operation-added'), '--fail-on', 'breaking'])).code).toBe(0);
  });

  it('--fail-on feature and --fail-on any', async () => {
    expect((await run([oldSpec('operation-added'), newSpec('operation-added'), '--fail-on', 'feature'])).code).toBe(1);
    expect((await run([oldSpec('doc-change'), newSpec('doc-change'), '--fail-on', 'feature'])).code).toBe(0);
    const docs = await run([oldSpec('doc-change'), newSpec('doc-change'), '--fail-on', 'any']);
    expect(docs.code).toBe(1);
    expect(docs.stderr).toBe('sdkgen diff: 3 changes found (--fail-on any).\n');
    expect((await run([oldSpec('no-change'), newSpec('no-change'), '--fail-on', 'any'])).code).toBe(0);
  });

  it('reads relative paths from cwd and reports them as given', async () => {
    const result = await run(['type-narrowed/old.yaml', 'type-narrowed/new.yaml'], `${process.cwd()}/${FIXTURES}`);
    expect(result.stdout).toContain('(type-narrowed/new.yaml:75)');
  });

  it('exits 1 with located, framed diagnostics when a spec has errors', async () => {
    const result = await run([oldSpec('broken-spec'), newSpec('broken-spec'), '--fail-on', 'breaking']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `${newSpec('broken-spec')}:101:17: error[model/unresolved-ref] The $ref "#/components/schemas/PetStatu" points at nothing: \`/components/schemas\` has no \`PetStatu\`.
  at /components/schemas/Pet/properties/status/$ref
    100 |         status:
  > 101 |           $ref: "#/components/schemas/PetStatu"
        |                 ^
    102 |         age:
  hint: Did you mean \`#/components/schemas/PetStatus\`?

sdkgen diff: 1 problem in the spec; nothing was compared.
`,
    );
  });

  it('reports the problems of both specs when both have errors', async () => {
    const result = await run([newSpec('broken-spec'), newSpec('broken-spec')]);
    expect(result.code).toBe(1);
    expect(result.stderr.match(/error\[model\/unresolved-ref\]/g)).toHaveLength(2);
  });

  it.each([
    [[], 'Expected two specs'],
    [['only-one.yaml'], 'Expected two specs'],
    [['a.yaml', 'b.yaml', 'c.yaml'], 'Unexpected argument "c.yaml"'],
    [['a.yaml', 'b.yaml', '--format', 'html'], 'Unknown --format "html": use text, markdown or json.'],
    [['a.yaml', 'b.yaml', '--fail-on', 'minor'], 'Unknown --fail-on "minor": use breaking, feature or any.'],
    [['a.yaml', 'b.yaml', '--colour'], 'unknown option `--colour`. Run `sdkgen diff --help` for the options.'],
  ])('exits 2 on bad usage: %j', async (args, message) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
  });

  it('exits 2 when a spec cannot be read', async () => {
    const result = await run([oldSpec('no-change'), `${FIXTURES}/missing.yaml`]);
    expect(result).toMatchObject({ code: 2, stderr: `sdkgen diff: Cannot read the spec ${FIXTURES}/missing.yaml: no such file.\n` });
  });

  it('--help prints the usage and exits 0', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('sdkgen diff <old-spec> <new-spec> [options]');
    expect(result.stdout).toContain('--fail-on <level>');
  });
});

describe('isSimilarName (the rename heuristic)', () => {
  it.each([
    ['user', 'user_id', true],
    ['session_id', 'id', true],
    ['maxRequests', 'max_requests', true],
    ['colour', 'color', true],
    ['tag', 'pet_tag', true],
    ['a', 'b', false],
    ['tag', 'owner', false],
    ['max_files', 'max_file_size', false],
  ])('%s -> %s: %s', (before, after, expected) => {
    expect(isSimilarName(before, after)).toBe(expected);
  });
});
