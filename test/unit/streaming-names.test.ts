// The names of an operation's streaming overloads (README "…has overloads with named parameter
// types"): `<Body>Streaming` / `<Body>NonStreaming` after the body's schema, and
// `<Builder>ParamsStreaming` / `…ParamsNonStreaming` when the call takes a params object.
import { describe, expect, it } from 'vitest';
import { operationIr } from './operation-ir.js';

const completions = (parameters: string) => `  /completions:
    post:
      operationId: createCompletion
${parameters}      requestBody:
        required: true
        content: { application/json: { schema: { $ref: '#/components/schemas/CompletionRequest' } } }
      responses:
        '200':
          description: ok
          content:
            application/json: { schema: { $ref: '#/components/schemas/Completion' } }
            text/event-stream: { schema: { $ref: '#/components/schemas/Completion' } }
`;

describe('streaming overload names', () => {
  it('a body alone: named after the body schema', async () => {
    const { op } = await operationIr(completions(''));
    expect(op.names.params).toBeUndefined();
    expect([op.names.streaming?.streaming.text, op.names.streaming?.nonStreaming.text]).toEqual([
      'CompletionRequestStreaming',
      'CompletionRequestNonStreaming',
    ]);
  });

  it('a params object (a body and a query): named after the params type', async () => {
    const { op } = await operationIr(completions('      parameters:\n        - { name: include, in: query, schema: { type: string } }\n'));
    expect(op.names.params?.text).toBe('CreateCompletionParams');
    expect([op.names.streaming?.streaming.text, op.names.streaming?.nonStreaming.text]).toEqual([
      'CreateCompletionParamsStreaming',
      'CreateCompletionParamsNonStreaming',
    ]);
  });
});
