// Renders templates with a private handlebars instance: strict (a missing field throws), no
// HTML escaping (the output is code, not HTML). Spec values reach templates only through
// helpers that escape: `literal` (a JS literal), `json` (JSON), `markdown` (inline Markdown
// text) and `markdownCode` (a Markdown code span, safe in a table cell). A template that fails
// to compile or render is a located diagnostic in the template file, not a crash.
import Handlebars from 'handlebars';
import { defaultHint } from '../diagnostics/codes.js';
import { SpecError } from '../diagnostics/diagnostic.js';
import { literal, markdownCode, markdownText } from './escape.js';
import type { TemplateSet } from '../load/template-set.js';

export type TemplateRenderer = (name: string, data: unknown) => string;

/**
 * Renders a template set's templates. The handlebars engine and the compiled templates are kept
 * from one run to the next in a process (watch mode) while the partials and helpers are the same
 * ones: compiling the templates again was about a tenth of a warm ChatKit run. A template whose
 * source changed is compiled again.
 */
export function templateRenderer(templates: TemplateSet): TemplateRenderer {
  const { engine, compiled } = engineFor(templates);
  return (name, data) => {
    try {
      const source = templates.source(name);
      let entry = compiled.get(name);
      if (entry?.source !== source) {
        checkRetired(templates, name);
        entry = { source, template: engine.compile(source, { strict: true, noEscape: true }) };
        compiled.set(name, entry);
      }
      return entry.template(data);
    } catch (error) {
      if (error instanceof SpecError) throw error;
      throw templateError(
        templates,
        name,
        error,
        error instanceof UndefinedArgument ? undefinedArgumentAt(templates.source(name), error.helper, data) : undefined,
      );
    }
  };
}

interface Engine {
  /** The user's helpers (the functions themselves) and the partials' sources it was made with. */
  readonly helpers: readonly (readonly [string, unknown])[];
  readonly partials: readonly (readonly [string, string])[];
  readonly engine: typeof Handlebars;
  /** Compiled templates by name, with the source each was compiled from. */
  readonly compiled: Map<string, { readonly source: string; readonly template: HandlebarsTemplateDelegate }>;
}

let lastEngine: Engine | undefined;

/** The last engine when it was made with these very helpers and partials, else a new one. */
function engineFor(templates: TemplateSet): Engine {
  const helpers = Object.entries(templates.helpers);
  const partials = [...templates.partials()];
  const same = <T>(a: readonly (readonly [string, T])[], b: readonly (readonly [string, T])[]) =>
    a.length === b.length && a.every(([name, value], i) => b[i]![0] === name && b[i]![1] === value);
  if (lastEngine !== undefined && same(lastEngine.helpers, helpers) && same(lastEngine.partials, partials)) return lastEngine;
  lastEngine = { helpers, partials, engine: newEngine(helpers, partials), compiled: new Map() };
  return lastEngine;
}

function newEngine(helpers: readonly (readonly [string, unknown])[], partials: readonly (readonly [string, string])[]): typeof Handlebars {
  const engine = Handlebars.create();
  // JSON files (package.json) get plain JSON; JS code gets `literal`, which also escapes for JS.
  // Strict mode does not check a helper's arguments: each helper refuses `undefined` itself.
  engine.registerHelper(
    'json',
    defined('json', (value: unknown) => JSON.stringify(value)),
  );
  engine.registerHelper(
    'literal',
    defined('literal', (value: unknown) => literal(value).text),
  );
  engine.registerHelper(
    'markdown',
    defined('markdown', (value: unknown) => markdownText(String(value))),
  );
  engine.registerHelper(
    'markdownCode',
    defined('markdownCode', (value: unknown) => markdownCode(String(value))),
  );
  // `(concat a " " b)`: joins values for another helper (the last argument is handlebars' options)
  engine.registerHelper(
    'concat',
    defined('concat', (...values: unknown[]) => values.map(String).join('')),
  );
  for (const [name, helper] of helpers) engine.registerHelper(name, helper as Handlebars.HelperDelegate);
  for (const [name, source] of partials) engine.registerPartial(name, source);
  return engine;
}

/**
 * What a template may no longer use, with what replaces it: the operation body became the body
 * of a standalone function (src/operations.ts), which has no `this` (the class methods call it).
 */
const RETIRED: Readonly<Record<string, readonly { text: string; message: string }[]>> = {
  'client-method.ts.hbs': [
    {
      text: 'this.client',
      message:
        'The template uses `this.client`, which no longer exists: the body is now that of a standalone operation function (src/operations.ts), which receives the client as `client`. Write `client.request(…)`.',
    },
  ],
};

function checkRetired(templates: TemplateSet, name: string): void {
  const source = templates.source(name);
  for (const { text, message } of RETIRED[name] ?? []) {
    const at = source.indexOf(text);
    if (at === -1) continue;
    const before = source.slice(0, at).split('\n');
    const file = templates.origin(name);
    throw new SpecError(
      [
        {
          code: 'emit/template-error',
          severity: 'error',
          message,
          hint: defaultHint('emit/template-error'),
          at: { file, line: before.length, column: (before.at(-1)?.length ?? 0) + 1, pointer: '' },
        },
      ],
      new Map([[file, source]]),
    );
  }
}

/** Thrown by a built-in helper given `undefined`: a field the template's data does not have. */
class UndefinedArgument extends Error {
  constructor(readonly helper: string) {
    super(`the \`${helper}\` helper was given a value that is not defined (a field the template's data does not have?)`);
  }
}

/** A helper that throws UndefinedArgument when an argument (handlebars' options object aside) is undefined. */
function defined(name: string, helper: (...values: unknown[]) => unknown): (...args: unknown[]) => unknown {
  return (...args: unknown[]) => {
    const values = args.slice(0, -1);
    if (values.some((value) => value === undefined)) throw new UndefinedArgument(name);
    return helper(...values);
  };
}

/**
 * Where a helper was given an undefined field: the first `{{helper path}}` or `(helper path)`
 * whose path the template's top-level data does not have. Undefined when no such call is found
 * (a path inside an `#each` block is looked up on its item, which is not known here).
 */
function undefinedArgumentAt(source: string, helper: string, data: unknown): { line: number; column: number } | undefined {
  const call = new RegExp(`(?:\\{\\{~?|\\()\\s*${helper}\\s+((?:[A-Za-z_$][\\w$]*)(?:\\.[A-Za-z_$][\\w$]*)*)`, 'g');
  const lines = source.split('\n');
  for (const [index, text] of lines.entries()) {
    for (const match of text.matchAll(call)) {
      const path = match[1]!;
      let value: unknown = data;
      for (const key of path.split('.'))
        value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
      if (value === undefined) return { line: index + 1, column: match.index + match[0].length - path.length + 1 };
    }
  }
  return undefined;
}

function templateError(templates: TemplateSet, name: string, error: unknown, at?: { line: number; column: number }): SpecError {
  const exception = error as { message?: string; lineNumber?: number; column?: number };
  const message = String(exception.message ?? error);
  const parseLine = /Parse error on line (\d+)/.exec(message);
  const line = at?.line ?? exception.lineNumber ?? (parseLine ? Number(parseLine[1]) : 1);
  const column = at?.column ?? (exception.column !== undefined ? exception.column + 1 : 1);
  const file = templates.origin(name);
  const summary = message.startsWith('Parse error')
    ? `The template does not compile: ${message.split('\n').at(-1)}.`
    : `The template failed to render: ${message.replace(/ in (\[object Object\]|undefined|null)/, '').replace(/ - \d+:\d+$/, '')}.`;
  return new SpecError(
    [
      {
        code: 'emit/template-error',
        severity: 'error',
        message: summary,
        hint: defaultHint('emit/template-error'),
        at: { file, line, column, pointer: '' },
      },
    ],
    new Map([[file, templates.source(name)]]),
  );
}
