/**
 * Every regular expression a config's workflows use (`matches` statements and `matches /re/` in
 * their conditions and expression filters, `/re/` in job filters) goes through the backtracking
 * check before anything is evaluated (config-regex.ts), whether or not the check would get to
 * match it: the same config always gets the same verdict. Walked without recursion.
 */
import type { Deadline } from './bounds.js';
import { isMap } from './config-model.js';
import { configRegex } from './config-regex.js';

/** `matches /re/` inside an expression string. */
const EXPRESSION_REGEX = /\bmatches\s+\/((?:[^/\\]|\\.)*)\//g;
const FILTER_REGEX = /^\/(.+)\/$/s;

const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);

export function checkPatterns(config: Readonly<Record<string, unknown>>, deadline: Deadline): void {
  const workflows = (isMap(config.workflows) ? Object.values(config.workflows) : []).filter(isMap);
  const conditions: unknown[] = workflows.flatMap((w) => [w.when, w.unless]);
  for (const workflow of workflows)
    for (const entry of Array.isArray(workflow.jobs) ? workflow.jobs : []) {
      deadline.check();
      const settings = isMap(entry) ? Object.values(entry)[0] : undefined;
      const filters = isMap(settings) ? settings.filters : undefined;
      if (typeof filters === 'string') conditions.push(filters);
      else if (isMap(filters))
        for (const kind of [filters.branches, filters.tags])
          if (isMap(kind))
            for (const item of [...listOf(kind.only), ...listOf(kind.ignore)]) {
              const source = FILTER_REGEX.exec(String(item))?.[1];
              if (source !== undefined) configRegex(source);
            }
    }
  let steps = 0;
  while (conditions.length > 0) {
    if (++steps % 1024 === 0) deadline.check();
    const value = conditions.pop();
    if (typeof value === 'string') {
      for (const [, source] of value.matchAll(EXPRESSION_REGEX)) if (source) configRegex(source);
    } else if (Array.isArray(value)) {
      for (const item of value) conditions.push(item);
    } else if (isMap(value)) {
      const { matches } = value;
      if (isMap(matches) && typeof matches.pattern === 'string' && !matches.pattern.includes('<<'))
        configRegex(matches.pattern);
      for (const item of Object.values(value)) conditions.push(item);
    }
  }
}
