/**
 * Parameter names that JavaScript objects treat specially: an object key `__proto__` would vanish
 * on the way to the request body. Refused by the schema (rules-schema.ts) and by both readings of
 * the rules file. Pure; loads neither the schema nor zod.
 */

/** Names that are no parameter: an object key `__proto__` would vanish on the way to the body. */
export const PROTOTYPE_KEY =
  'is not a usable parameter name (__proto__, constructor and prototype are refused)';

/**
 * JSON.parse keeps a `__proto__` key as a property of its own, but zod's records skip it: such a
 * parameter would vanish without a word. (zod's strict objects report it as an unknown key.)
 */
export function prototypeKeys(json: unknown): string[] {
  const rules = (json as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((rule: unknown, i) => {
    const parameters = (rule as { parameters?: unknown } | null)?.parameters;
    const hidden =
      typeof parameters === 'object' &&
      parameters !== null &&
      Object.hasOwn(parameters, '__proto__');
    return hidden ? [`rules[${i}].parameters.__proto__: ${PROTOTYPE_KEY}`] : [];
  });
}

/** Whether a rule has a `__proto__` parameter (prototypeKeys' test, with nothing allocated). */
export function hasPrototypeKey(json: unknown): boolean {
  const rules = (json as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) return false;
  for (const rule of rules) {
    const parameters = (rule as { parameters?: unknown } | null)?.parameters;
    if (
      typeof parameters === 'object' &&
      parameters !== null &&
      Object.hasOwn(parameters, '__proto__')
    )
      return true;
  }
  return false;
}
