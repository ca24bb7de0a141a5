/**
 * The smallest value a JSON Schema accepts: the first enum or const value, the minimum of numbers, arrays of
 * `minItems` items, every required property of objects, strings of `minLength` characters. Enough for the
 * subset OpenAI's strict structured output allows, so a client's own validation of the shape can be tested.
 */
export function minimalInstance(schema: unknown, root: unknown = schema): unknown {
  if (typeof schema !== 'object' || schema === null) return null;
  const s = schema as Record<string, unknown>;
  if (typeof s.$ref === 'string') return minimalInstance(resolveRef(s.$ref, root), root);
  if ('const' in s) return s.const;
  if (Array.isArray(s.enum)) return s.enum[0];
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    const options = s[key];
    if (Array.isArray(options) && options.length > 0) return minimalInstance(options[0], root);
  }
  const type = Array.isArray(s.type) ? (s.type as unknown[]).find((t) => t !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const properties = (s.properties ?? {}) as Record<string, unknown>;
      const required = Array.isArray(s.required) ? (s.required as string[]) : Object.keys(properties);
      return Object.fromEntries(required.map((key) => [key, minimalInstance(properties[key], root)]));
    }
    case 'array': {
      const count = typeof s.minItems === 'number' ? s.minItems : 0;
      return Array.from({ length: count }, () => minimalInstance(s.items, root));
    }
    case 'string':
      return 'x'.repeat(typeof s.minLength === 'number' ? s.minLength : 0);
    case 'integer':
    case 'number': {
      if (typeof s.minimum === 'number') return s.minimum;
      if (typeof s.exclusiveMinimum === 'number') return s.exclusiveMinimum + 1;
      return 0;
    }
    case 'boolean':
      return false;
    default:
      return null;
  }
}

function resolveRef(ref: string, root: unknown): unknown {
  if (!ref.startsWith('#/')) return {};
  let node: unknown = root;
  for (const part of ref.slice(2).split('/')) {
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  }
  return node ?? {};
}
