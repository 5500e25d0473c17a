// spec/chatkit-sessions.yaml is valid OpenAPI 3.1, by a maintained validator, with no warnings of ours.
import { Validator } from '@seriousme/openapi-schema-validator';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadSpec } from '../../generator/load/load-spec.js';
import { validateSpec } from '../../generator/validate/validate-spec.js';
import { buildModel } from '../../generator/model/build-model.js';

describe('spec/chatkit-sessions.yaml', () => {
  it('is valid OpenAPI 3.1 (@seriousme/openapi-schema-validator, all errors)', async () => {
    const text = await readFile('spec/chatkit-sessions.yaml', 'utf8');
    const result = await new Validator({ allErrors: true, strict: false }).validate(parse(text));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('generates with no warnings and names every type as the API docs do', async () => {
    const text = await readFile('spec/chatkit-sessions.yaml', 'utf8');
    const { api, warnings } = buildModel(await validateSpec(loadSpec('spec/chatkit-sessions.yaml', text)));
    expect(warnings).toEqual([]);
    const names = api.schemas.map((s) => s.name.text);
    for (const name of [
      'ChatSession',
      'SessionCreateParams',
      'ChatSessionWorkflowParam',
      'ChatSessionChatKitConfigurationParam',
      'ChatSessionExpiresAfterParam',
      'ChatSessionRateLimitsParam',
      'ChatSessionChatKitConfiguration',
      'ChatSessionAutomaticThreadTitling',
      'ChatSessionFileUpload',
      'ChatSessionHistory',
      'ChatSessionRateLimits',
      'ChatSessionStatus',
      'ChatKitWorkflow',
    ])
      expect(names).toContain(name);
    expect(api.operations.map((op) => [op.names.builder.text, [...op.names.resource.map(String), op.names.method.text].join('.')])).toEqual(
      [
        ['createChatKitSession', 'chatkit.sessions.create'],
        ['cancelChatKitSession', 'chatkit.sessions.cancel'],
        ['listChatKitThreads', 'chatkit.threads.list'],
        ['deleteChatKitThread', 'chatkit.threads.delete'],
        ['retrieveChatKitThread', 'chatkit.threads.retrieve'],
        ['listChatKitThreadItems', 'chatkit.threads.listItems'],
      ],
    );
    expect(api.operations.every((op) => op.fixedHeaders.some((h) => h.name === 'OpenAI-Beta' && h.value === 'chatkit_beta=v1'))).toBe(true);
  });

  it('keeps request objects closed and response objects open', async () => {
    const text = await readFile('spec/chatkit-sessions.yaml', 'utf8');
    const { api } = buildModel(await validateSpec(loadSpec('spec/chatkit-sessions.yaml', text)));
    for (const named of api.schemas) {
      if (named.schema.kind !== 'object') continue;
      if (named.usage.request) expect([named.key, named.schema.additionalProperties]).toEqual([named.key, false]);
      else expect([named.key, named.schema.additionalPropertiesDeclared]).toEqual([named.key, false]);
    }
  });
});
