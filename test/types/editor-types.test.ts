// What an editor completes and shows, from test/fixtures/specs/editor-docs.yaml (its golden
// package). The type assertions are compile-time checks (this file is type-checked by
// test/unit/typecheck.test.ts): an open string union keeps its literals as distinct members,
// so `'gpt-4o'` completes, while any other string is still accepted.
import { readFileSync } from 'node:fs';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { Completion, CompletionRequest, ModelIds, ModelOrChat, Voice } from '../golden/editor-docs/src/types.js';

/** The members of a union that are string literals: `never` when `string` swallowed them (`string | 'a'` is `string`). */
type Literals<T> = T extends string ? (string extends T ? never : T) : never;

const TYPES = readFileSync(new URL('../golden/editor-docs/src/types.ts', import.meta.url), 'utf8');

describe('open string unions', () => {
  it('keep their literals for completion and accept any other string', () => {
    expectTypeOf<Literals<ModelIds>>().toEqualTypeOf<'gpt-4o' | 'o3'>();
    expectTypeOf<Literals<Voice>>().toEqualTypeOf<'alloy' | 'ash'>();
    // through a ref to a named enum, which stays named
    expectTypeOf<Literals<ModelOrChat>>().toEqualTypeOf<'gpt-4o' | 'gpt-4o-mini'>();
    // nested in a property, nullable
    expectTypeOf<Literals<Exclude<CompletionRequest['style'], null | undefined>>>().toEqualTypeOf<'formal' | 'casual'>();
    expectTypeOf<null>().toExtend<CompletionRequest['style']>();
    // a response: open already, the union adds no second (string & {})
    expectTypeOf<Literals<Completion['status']>>().toEqualTypeOf<'completed' | 'failed'>();
    expectTypeOf<'gpt-5-next'>().toExtend<ModelIds>();
    expectTypeOf<string>().toExtend<ModelOrChat>();
    // @ts-expect-error a number is not a model
    const wrong: ModelIds = 4;
    void wrong;
  });

  it('print as the literals, then (string & {})', () => {
    expect(TYPES).toContain("export type ModelIds = 'gpt-4o' | 'o3' | (string & {});");
    expect(TYPES).toContain('export type ModelOrChat = ChatModel | (string & {});');
    expect(TYPES).toContain("export type Voice = 'alloy' | 'ash' | (string & {});");
    expect(TYPES).toContain("style?: 'formal' | 'casual' | (string & {}) | null;");
    expect(TYPES).toContain("status: 'completed' | 'failed' | (string & {});");
    expect(TYPES.match(/\(string & \{\}\)/g)).toHaveLength(5);
  });
});

describe('member docs', () => {
  it('come from a nullable wrapper, its variant, an allOf wrapper, a title or a ref target, as plain prose', () => {
    // the description on the non-null variant, its default as a tag
    expect(TYPES).toContain(
      '  /**\n   * What sampling temperature to use, between 0 and 2.\n   *\n   * @default 1\n   */\n  temperature?: number | null;',
    );
    // the description on the anyOf
    expect(TYPES).toContain('  /** An alternative to sampling with temperature. */\n  top_p?: number | null;');
    expect(TYPES).toContain('  /** Stop sequences */\n  stop?: string[];');
    expect(TYPES).toContain('  /**\n   * The legacy model field.\n   *\n   * @deprecated\n   */\n  legacy?: ChatModel;');
    // a bare ref: the named schema's description
    expect(TYPES).toMatch(
      /\/\*\* A model ID, one of ours or any other \(\[models\]\(https:\/\/docs\.models\.example\.com\/docs\/models\)\)\. \*\/\n {2}model: ModelIds;/,
    );
    expect(TYPES).not.toMatch(/@(description|enum|constant)\b/);
  });

  it('make root-relative links absolute against x-sdk.docsBaseURL, in types, methods and the client', () => {
    const client = readFileSync(new URL('../golden/editor-docs/src/client.ts', import.meta.url), 'utf8');
    expect(TYPES).not.toContain('](/');
    expect(client).not.toContain('](/');
    expect(client).toContain('Creates a completion. Read [the text guide](https://docs.models.example.com/docs/guides/text).');
    expect(client).toContain('See [the guide](https://docs.models.example.com/docs/guides/models) for what each model does.');
  });

  it('show an example that compiles where the spec example does not fit the type, with a listed model name', () => {
    const client = readFileSync(new URL('../golden/editor-docs/src/client.ts', import.meta.url), 'utf8');
    // the spec's example has `temperature: "hot"` and no messages
    expect(client).toContain("client.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: 'my_content' }] });");
  });
});
