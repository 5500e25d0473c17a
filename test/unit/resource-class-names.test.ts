// Resource classes are named as openai-node names them: `client.chatkit.sessions` is a
// `Sessions` class. All classes share one module (and the package root), so two resources with
// the same last segment take their parents' names, and a class gives way to a schema type and to
// the names the package root exports. The names depend on the set of paths, not their order.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../generator/load/load-spec.js';
import { buildModel } from '../../generator/model/build-model.js';
import type { IrResource } from '../../generator/model/ir.js';
import { plural, resourceClassCandidates, ROOT_EXPORTS } from '../../generator/model/names.js';
import { validateSpec } from '../../generator/validate/validate-spec.js';

async function classNames(paths: readonly string[], schemas: readonly string[] = []) {
  const spec = {
    openapi: '3.1.0',
    info: { title: 'T', version: '1' },
    paths: Object.fromEntries(
      paths.map((path, i) => [path, { post: { operationId: `op${i}`, responses: { '204': { description: 'ok' } } } }]),
    ),
    components: { schemas: Object.fromEntries(schemas.map((name) => [name, { type: 'string' }])) },
  };
  const { api, warnings } = buildModel(await validateSpec(loadSpec('spec.json', JSON.stringify(spec))));
  const names: Record<string, string> = {};
  const visit = (resource: IrResource, path: string[]) => {
    const own = [...path, resource.property.text];
    names[own.join('.')] = resource.className.text;
    resource.children.forEach((child) => visit(child, own));
  };
  api.resources.forEach((resource) => visit(resource, []));
  return { names, warnings, types: api.schemas.map((s) => s.name.text) };
}

describe('resource class names', () => {
  it('are the last segment where it is unique, with the parents where two resources share it', async () => {
    const { names, warnings } = await classNames([
      '/chatkit/sessions',
      '/realtime/sessions',
      '/realtime/calls',
      '/models',
      '/a/b/items',
      '/c/b/items',
      '/items',
    ]);
    expect(names).toEqual({
      a: 'A',
      'a.b': 'AB',
      'a.b.items': 'ABItems',
      c: 'C',
      'c.b': 'CB',
      'c.b.items': 'CBItems',
      chatkit: 'Chatkit',
      'chatkit.sessions': 'ChatkitSessions',
      items: 'Items',
      models: 'Models',
      realtime: 'Realtime',
      'realtime.calls': 'Calls',
      'realtime.sessions': 'RealtimeSessions',
    });
    expect(warnings).toEqual([]);
  });

  it('give way to a schema type, which keeps its name, and to what the package root exports', async () => {
    const { names, types, warnings } = await classNames(
      ['/threads', '/stream', '/ValidationError', '/page', '/beta/threads'],
      ['Threads', 'BetaThreads'],
    );
    expect(types).toEqual(['BetaThreads', 'Threads']);
    expect(names).toEqual({
      beta: 'Beta',
      'beta.threads': 'BetaThreadsResource',
      page: 'PageResource',
      stream: 'StreamResource',
      threads: 'ThreadsResource',
      validationError: 'ValidationErrorResource',
    });
    expect(warnings).toEqual([]);
  });

  it('avoid every name the package root exports by name (ROOT_EXPORTS lists them all)', () => {
    const index = readFileSync(new URL('../../templates/index.ts.hbs', import.meta.url), 'utf8');
    const exported = [...index.matchAll(/export (?:type )?\{([^}]*)\}/g)]
      .flatMap((m) => m[1]!.split(','))
      .map(
        (name) =>
          name
            .trim()
            .replace(/^type /, '')
            .split(/\s+as\s+/)
            .pop()!,
      )
      .filter((name) => name !== '' && !name.startsWith('{'));
    expect(exported.length).toBeGreaterThan(10);
    expect(exported.filter((name) => !ROOT_EXPORTS.has(name))).toEqual([]);
  });

  it('do not depend on the order of the paths', async () => {
    const paths = ['/chatkit/sessions', '/realtime/sessions', '/realtime/client_secrets', '/sessions', '/chatkit/threads'];
    const forward = await classNames(paths);
    const backward = await classNames([...paths].reverse());
    expect(backward.names).toEqual(forward.names);
    expect(forward.names['sessions']).toBe('Sessions');
  });

  it('candidates go from the shortest unique suffix to the whole path, then <Path>Resource', () => {
    expect(resourceClassCandidates([['chat', 'completions'], ['completions'], ['chat']])).toEqual([
      ['ChatCompletions', 'ChatCompletionsResource', 'ChatCompletionsMethods'],
      ['Completions', 'CompletionsResource', 'CompletionsMethods'],
      ['Chat', 'ChatResource', 'ChatMethods'],
    ]);
  });

  it('page types take the plural of their item type', () => {
    expect(['Note', 'Batch', 'Policy', 'Status', 'Details', 'Key', 'Box'].map(plural)).toEqual([
      'Notes',
      'Batches',
      'Policies',
      'Statuses',
      'Details',
      'Keys',
      'Boxes',
    ]);
  });
});
