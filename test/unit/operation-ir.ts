// Test support for the operation emitters' given/want tables: one path item of YAML (the
// `given`) inside a small spec with shared schemas, run through the real load, validate and
// model stages: the IR of its one operation, and the messages of the warnings the stages gave.
import { loadSpec } from '../../generator/load/load-spec.js';
import { buildModel } from '../../generator/model/build-model.js';
import type { IrApi, IrOperation } from '../../generator/model/ir.js';
import { validateSpec } from '../../generator/validate/validate-spec.js';

/** Schemas the cases refer to. */
const COMPONENTS = `
components:
  schemas:
    Note:
      type: object
      required: [id, text]
      properties: { id: { type: string }, text: { type: string } }
    NoteInput:
      type: object
      required: [text]
      properties: { text: { type: string } }
    NoteList:
      type: object
      required: [data, has_more]
      properties:
        data: { type: array, items: { $ref: '#/components/schemas/Note' } }
        has_more: { type: boolean }
        last_id: { type: string }
    CompletionRequest:
      type: object
      required: [prompt]
      properties: { prompt: { type: string }, stream: { type: boolean } }
    Completion:
      type: object
      required: [text]
      properties: { text: { type: string } }
`;

/** `paths` is YAML indented for its place under `paths:` (two spaces before each path). */
export async function operationIr(paths: string): Promise<{ api: IrApi; op: IrOperation; warnings: string[] }> {
  const text = `openapi: 3.1.0\ninfo: { title: Notes, version: 1.0.0 }\nservers: [{ url: https://api.example.com }]\npaths:\n${paths}${COMPONENTS}`;
  const { api, warnings } = buildModel(await validateSpec(loadSpec('spec.yaml', text)));
  if (api.operations.length !== 1) throw new Error(`expected one operation, got ${api.operations.length}`);
  return { api, op: api.operations[0]!, warnings: warnings.map((warning) => warning.message) };
}
