// The parameter groups of an operation (path, query, header, cookie), checked as closed objects named
// after their types in types.ts (`CancelChatKitSessionPathParams` -> `validateCancelChatKitSessionPathParams`).
import { Identifier, type IrObjectSchema, type IrOperation, type IrParameter } from '../../model/ir.js';

export interface ParameterGroup {
  readonly location: 'path' | 'query' | 'header' | 'cookie';
  /** The group's type in types.ts. */
  readonly type: Identifier;
  /** The exported validator, `validate` + the type name (unique, as the type name is). */
  readonly validate: Identifier;
  /** The internal check function. */
  readonly check: Identifier;
  readonly parameters: readonly IrParameter[];
  readonly schema: IrObjectSchema;
}

export function parameterGroups(op: IrOperation): ParameterGroup[] {
  const groups: [ParameterGroup['location'], Identifier | undefined][] = [
    ['path', op.names.pathParams],
    ['query', op.names.queryParams],
    ['header', op.names.headerParams],
    ['cookie', op.names.cookieParams],
  ];
  return groups.flatMap(([location, type]) => {
    if (type === undefined) return [];
    const parameters = op.parameters.filter((parameter) => parameter.in === location);
    const schema: IrObjectSchema = {
      kind: 'object',
      source: op.source,
      properties: parameters.map((parameter) => ({ name: parameter.name, required: parameter.required, schema: parameter.schema })),
      additionalProperties: false,
      additionalPropertiesDeclared: true,
    };
    return [{ location, type, validate: new Identifier(`validate${type.text}`), check: new Identifier(`check_${type.text}`), parameters, schema }];
  });
}
