// Renders templates with a private handlebars instance: strict (a missing field throws), no
// HTML escaping (the output is code, not HTML). Spec values reach templates only through
// helpers that escape: `literal` (a JS literal), `json` (JSON), `markdown` (inline Markdown
// text) and `markdownCode` (a Markdown code span, safe in a table cell). A template that fails
// to compile or render is a located diagnostic in the template file, not a crash.
import Handlebars from 'handlebars';
import { defaultHint } from '../diagnostics/codes.js';
import { SpecError } from '../diagnostics/diagnostic.js';
import { literal, markdownCode, markdownText } from './escape.js';
import type { TemplateSet } from './template-set.js';

export type TemplateRenderer = (name: string, data: unknown) => string;

/** One engine per template set: partials and helpers registered once, templates compiled once. */
export function templateRenderer(templates: TemplateSet): TemplateRenderer {
  const engine = Handlebars.create();
  // JSON files (package.json) get plain JSON; JS code gets `literal`, which also escapes for JS.
  engine.registerHelper('json', (value: unknown) => JSON.stringify(value));
  engine.registerHelper('literal', (value: unknown) => literal(value).text);
  engine.registerHelper('markdown', (value: unknown) => markdownText(String(value)));
  engine.registerHelper('markdownCode', (value: unknown) => markdownCode(String(value)));
  // `(concat a " " b)`: joins values for another helper (the last argument is handlebars' options)
  engine.registerHelper('concat', (...values: unknown[]) => values.slice(0, -1).map(String).join(''));
  for (const [name, helper] of Object.entries(templates.helpers)) engine.registerHelper(name, helper as Handlebars.HelperDelegate);
  for (const [name, source] of templates.partials()) engine.registerPartial(name, source);
  const compiled = new Map<string, HandlebarsTemplateDelegate>();
  return (name, data) => {
    try {
      let template = compiled.get(name);
      if (!template) {
        checkRetired(templates, name);
        template = engine.compile(templates.source(name), { strict: true, noEscape: true });
        compiled.set(name, template);
      }
      return template(data);
    } catch (error) {
      if (error instanceof SpecError) throw error;
      throw templateError(templates, name, error);
    }
  };
}

/**
 * What a template may no longer use, with what replaces it: the operation body became the body
 * of a standalone function (src/operations.ts), which has no `this` (the class methods call it).
 */
const RETIRED: Readonly<Record<string, readonly { text: string; message: string }[]>> = {
  'client-method.ts.hbs': [
    {
      text: 'this.client',
      message: 'The template uses `this.client`, which no longer exists: the body is now that of a standalone operation function (src/operations.ts), which receives the client as `client`. Write `client.request(…)`.',
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
      [{ code: 'emit/template-error', severity: 'error', message, hint: defaultHint('emit/template-error'), at: { file, line: before.length, column: (before.at(-1)?.length ?? 0) + 1, pointer: '' } }],
      new Map([[file, source]]),
    );
  }
}

function templateError(templates: TemplateSet, name: string, error: unknown): SpecError {
  const exception = error as { message?: string; lineNumber?: number; column?: number };
  const message = String(exception.message ?? error);
  const parseLine = /Parse error on line (\d+)/.exec(message);
  const line = exception.lineNumber ?? (parseLine ? Number(parseLine[1]) : 1);
  const column = exception.column !== undefined ? exception.column + 1 : 1;
  const file = templates.origin(name);
  const summary = message.startsWith('Parse error') ? `The template does not compile: ${message.split('\n').at(-1)}.` : `The template failed to render: ${message.replace(/ in (\[object Object\]|undefined|null)/, '').replace(/ - \d+:\d+$/, '')}.`;
  return new SpecError(
    [{ code: 'emit/template-error', severity: 'error', message: summary, hint: defaultHint('emit/template-error'), at: { file, line, column, pointer: '' } }],
    new Map([[file, templates.source(name)]]),
  );
}
