// The handlebars instance: private, strict (a missing field throws), no HTML escaping (the
// output is code, not HTML). Spec values reach templates only through helpers that escape.
import Handlebars from 'handlebars';
import { literal } from './escape.js';

export type TemplateRenderer = (data: unknown) => string;

export function createTemplateEngine(): typeof Handlebars {
  const engine = Handlebars.create();
  // JSON files (package.json) get plain JSON; JS code gets `literal`, which also escapes for JS.
  engine.registerHelper('json', (value: unknown) => JSON.stringify(value));
  engine.registerHelper('literal', (value: unknown) => literal(value).text);
  return engine;
}

export function compileTemplate(engine: typeof Handlebars, source: string): TemplateRenderer {
  return engine.compile(source, { strict: true, noEscape: true, knownHelpersOnly: false });
}
