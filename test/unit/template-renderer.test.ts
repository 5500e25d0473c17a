// templateRenderer keeps its handlebars engine and compiled templates from one run to the next
// (watch mode): what it renders must still be what each run's own template set says.
import { describe, expect, it } from 'vitest';
import type { SpecError } from '../../generator/diagnostics/diagnostic.js';
import { templateRenderer } from '../../generator/emit/templates.js';
import { templateSet, type TemplateHelper } from '../../generator/load/template-set.js';

function set(templates: Record<string, string>, helpers: Record<string, TemplateHelper> = {}) {
  return templateSet(new Map(Object.entries(templates).map(([name, text]) => [name, { text, origin: `templates/${name}` }])), helpers);
}

describe('templateRenderer across runs', () => {
  it('renders each run with that run’s template sources, whatever was compiled before', () => {
    expect(templateRenderer(set({ 'a.hbs': 'first {{x}}' }))('a.hbs', { x: 1 })).toBe('first 1');
    expect(templateRenderer(set({ 'a.hbs': 'second {{x}}' }))('a.hbs', { x: 2 })).toBe('second 2');
    expect(templateRenderer(set({ 'a.hbs': 'first {{x}}' }))('a.hbs', { x: 3 })).toBe('first 3');
  });

  it('uses that run’s partials and helpers', () => {
    const withPartial = (text: string) => set({ 'a.hbs': '[{{> p}}]', 'partials/p.hbs': text });
    expect(templateRenderer(withPartial('one'))('a.hbs', {})).toBe('[one]');
    expect(templateRenderer(withPartial('two'))('a.hbs', {})).toBe('[two]');
    const upper: TemplateHelper = (value) => String(value).toUpperCase();
    const lower: TemplateHelper = (value) => String(value).toLowerCase();
    expect(templateRenderer(set({ 'a.hbs': '{{shout x}}' }, { shout: upper }))('a.hbs', { x: 'Hi' })).toBe('HI');
    expect(templateRenderer(set({ 'a.hbs': '{{shout x}}' }, { shout: lower }))('a.hbs', { x: 'Hi' })).toBe('hi');
  });

  it('still refuses a retired construct in a source it has not seen, and a template that does not compile', () => {
    const messages = (render: () => unknown) => {
      try {
        render();
      } catch (error) {
        return (error as SpecError).diagnostics.map((diagnostic) => `${diagnostic.code}: ${diagnostic.message}`);
      }
      return [];
    };
    const retired = templateRenderer(set({ 'client-method.ts.hbs': 'return this.client.request();' }));
    expect(messages(() => retired('client-method.ts.hbs', {}))).toEqual([
      expect.stringMatching(/^emit\/template-error: .*`this.client`, which no longer exists/),
    ]);
    const broken = templateRenderer(set({ 'a.hbs': '{{#if x}}never closed' }));
    expect(messages(() => broken('a.hbs', { x: true }))).toEqual([
      expect.stringMatching(/^emit\/template-error: The template does not compile/),
    ]);
  });
});
