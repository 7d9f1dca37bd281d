/**
 * Which of the signs cci-conditional recognises its own triggers by (ARCHITECTURE.md, "How own
 * triggers are recognised") the pipelines of a project carry. Only field names are looked at and reported, never values. Pure.
 */

/** A sign and where CircleCI may carry it; any one of the paths is enough. */
export interface Sign {
  /** how the sign is named to the user */
  name: string;
  /** dotted field paths, in the order cci-conditional reads them */
  paths: readonly string[];
}

export const SIGNS: readonly Sign[] = [
  { name: 'trigger.type', paths: ['trigger.type'] },
  { name: 'trigger.actor.login', paths: ['trigger.actor.login'] },
  { name: 'created_at', paths: ['created_at'] },
  {
    name: 'branch or tag (in vcs or trigger_parameters.git)',
    paths: ['vcs.branch', 'vcs.tag', 'trigger_parameters.git.branch', 'trigger_parameters.git.tag'],
  },
  {
    name: 'commit (in vcs or trigger_parameters.git)',
    paths: ['vcs.revision', 'trigger_parameters.git.checkout_sha'],
  },
];

export interface AnswersInspection {
  /** pipelines looked at */
  pipelines: number;
  /** every dotted field name seen (objects followed 3 levels deep), sorted */
  fields: string[];
  /** each sign missing from at least one pipeline, with how many pipelines lack it */
  missing: { sign: string; count: number }[];
}

const MAX_DEPTH = 3;

export function inspectAnswers(items: readonly unknown[]): AnswersInspection {
  const fields = new Set<string>();
  const missing = new Map<string, number>();
  for (const item of items) {
    for (const name of fieldNames(item, '', 1)) fields.add(name);
    for (const sign of SIGNS) {
      if (!sign.paths.some((path) => isNonEmptyString(valueAt(item, path)))) {
        missing.set(sign.name, (missing.get(sign.name) ?? 0) + 1);
      }
    }
  }
  return {
    pipelines: items.length,
    fields: [...fields].sort(),
    missing: [...missing].map(([sign, count]) => ({ sign, count })),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fieldNames(value: unknown, prefix: string, depth: number): string[] {
  if (!isPlainObject(value)) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const name = `${prefix}${key}`;
    const deeper = depth < MAX_DEPTH ? fieldNames(child, `${name}.`, depth + 1) : [];
    return [name, ...deeper];
  });
}

function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (!isPlainObject(current) || !Object.hasOwn(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

function isNonEmptyString(value: unknown): boolean {
  return typeof value === 'string' && value !== '';
}
