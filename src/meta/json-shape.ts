/**
 * The JSON a command prints with --json, declared once next to the type it prints: a JSON
 * Schema (draft-07), closed (`additionalProperties: false`, every key listed, the ones always
 * present required), so that an output changed without its declaration fails the shape test.
 * A command carries its shape as `static jsonShape`, the one declaration; the command snapshot,
 * the man page's JSON OUTPUT section and the shape test read it from the class (command-shapes.ts).
 * These builders keep declarations short and alike.
 */
export type JsonShape = { [key: string]: unknown };

export const str = (description?: string): JsonShape => ({ type: 'string', ...(description ? { description } : {}) });
export const int = (description?: string): JsonShape => ({ type: 'integer', ...(description ? { description } : {}) });
export const num = (description?: string): JsonShape => ({ type: 'number', ...(description ? { description } : {}) });
export const bool = (description?: string): JsonShape => ({ type: 'boolean', ...(description ? { description } : {}) });
export const oneOf = (values: readonly (string | number)[], description?: string): JsonShape => ({ enum: [...values], ...(description ? { description } : {}) });
/** This shape or null; the description is the whole value's, so that the outline shows it. */
export function nullable(shape: JsonShape): JsonShape {
  const { description, ...rest } = shape;
  return { anyOf: [rest, { type: 'null' }], ...(description ? { description } : {}) };
}
export const list = (items: JsonShape, description?: string): JsonShape => ({ type: 'array', items, ...(description ? { description } : {}) });
/** Any JSON value: for parts whose keys are data (a change's details, attribute values). */
export const any = (description: string): JsonShape => ({ description });

/** An object with these keys always present, and these `optional` ones only sometimes. */
export function obj(required: Record<string, JsonShape>, optional: Record<string, JsonShape> = {}, description?: string): JsonShape {
  return {
    ...(description ? { description } : {}),
    type: 'object',
    properties: { ...required, ...optional },
    required: Object.keys(required),
    additionalProperties: false,
  };
}

/** An object whose keys are names (of objects, attributes): every value of this shape. */
export const map = (values: JsonShape, description?: string): JsonShape => ({ type: 'object', additionalProperties: values, ...(description ? { description } : {}) });

/**
 * A shape as an indented outline for the manuals, one key a line: `name: type` (a `?` after a
 * key that is not always there), nested keys indented, its description in parentheses.
 */
export function shapeOutline(shape: JsonShape, indent = ''): string[] {
  const out: string[] = [];
  const properties = (shape.properties ?? {}) as Record<string, JsonShape>;
  const required = new Set((shape.required ?? []) as string[]);
  for (const [key, value] of Object.entries(properties)) {
    const note = typeof value.description === 'string' ? `  (${value.description})` : '';
    out.push(`${indent}${key}${required.has(key) ? '' : '?'}: ${typeName(value)}${note}`);
    out.push(...shapeOutline(inner(value), `${indent}  `));
  }
  return out;
}

/** The object shape a value leads into (its items, the non-null branch), for the outline's next level. */
function inner(shape: JsonShape): JsonShape {
  if (shape.type === 'array') return inner(shape.items as JsonShape);
  if (Array.isArray(shape.anyOf)) return inner((shape.anyOf as JsonShape[])[0]!);
  if (shape.type === 'object' && typeof shape.additionalProperties === 'object') return inner(shape.additionalProperties as JsonShape);
  return shape;
}

function typeName(shape: JsonShape): string {
  if (Array.isArray(shape.enum)) return (shape.enum as string[]).map((v) => JSON.stringify(v)).join(' | ');
  if (Array.isArray(shape.anyOf)) return (shape.anyOf as JsonShape[]).map(typeName).join(' or ');
  if (shape.type === 'array') return `array of ${typeName(shape.items as JsonShape)}`;
  if (shape.type === 'object' && typeof shape.additionalProperties === 'object') return `object of name: ${typeName(shape.additionalProperties as JsonShape)}`;
  if (typeof shape.type === 'string') return shape.type;
  return 'any JSON value';
}
