// The parameter groups of an operation (path, query, header, cookie), checked as closed objects named
// after their types in types.ts (`CancelChatKitSessionPathParams` -> `validateCancelChatKitSessionPathParams`).
import type { Identifier, IrOperation, IrParameter, IrSchema } from '../../model/ir.js';
import { VALIDATOR_INTERNAL_NAMES } from '../../model/names.js';

export interface ParameterGroup {
  readonly location: 'path' | 'query' | 'header' | 'cookie';
  /** The group's type in types.ts. */
  readonly type: Identifier;
  /** The exported validator, `validate` + the type name (claimed in the model's validators scope). */
  readonly validate: Identifier;
  /** The internal check function. */
  readonly check: Identifier;
  readonly parameters: readonly IrParameter[];
  /** A closed object of the parameters; for an OpenAPI 3.2 `in: querystring` parameter, its own schema (it is the whole query). */
  readonly schema: IrSchema;
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
    const querystring = location === 'query' ? op.parameters.find((parameter) => parameter.in === 'querystring') : undefined;
    if (querystring !== undefined)
      return [
        {
          location,
          type,
          validate: groupValidatorName(op, location),
          check: VALIDATOR_INTERNAL_NAMES.check(type.text),
          parameters: [querystring],
          schema: querystring.schema,
        },
      ];
    const parameters = op.parameters.filter((parameter) => parameter.in === location);
    const schema: IrSchema = {
      kind: 'object',
      source: op.source,
      properties: parameters.map((parameter) => ({ name: parameter.name, required: parameter.required, schema: parameter.schema })),
      additionalProperties: false,
      additionalPropertiesDeclared: true,
    };
    return [
      { location, type, validate: groupValidatorName(op, location), check: VALIDATOR_INTERNAL_NAMES.check(type.text), parameters, schema },
    ];
  });
}

function groupValidatorName(op: IrOperation, location: ParameterGroup['location']): Identifier {
  const id = op.names.groupValidators[location];
  if (id === undefined) throw new Error(`the model named no validator for the ${location} parameters of ${op.operationId}`);
  return id;
}
