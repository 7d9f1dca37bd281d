/**
 * A suggested fix applied as a person pasting it does: the fix's YAML merged into the config,
 * map by map; a workflow's job entries matched by key and `name:` (a new one appended); the value
 * of `when:`, `unless:` and a filter's `branches:` and `tags:` replaced, as any list is; the
 * entries a move deletes taken out of their workflow (and out of its `requires:`; a workflow left
 * without jobs goes); and a change of the rule merged into the rule.
 */
import { parse } from 'yaml';
import type { Finding } from '../../src/config-check/index.js';

type Map = Record<string, unknown>;

const isMap = (value: unknown): value is Map =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const copy = <T>(value: T): T => structuredClone(value);

/** Keys whose value a fix states whole. */
const REPLACED = new Set(['when', 'unless', 'branches', 'tags']);

function merge(base: unknown, fix: unknown, path: readonly string[]): unknown {
  const key = path.at(-1) ?? '';
  if (key === 'jobs' && path[0] === 'workflows' && path.length === 3 && Array.isArray(fix))
    return mergeEntries(Array.isArray(base) ? base : [], fix, path);
  if (REPLACED.has(key) || !isMap(fix) || !isMap(base)) return copy(fix);
  const merged: Map = { ...base };
  for (const [name, value] of Object.entries(fix))
    merged[name] = merge(base[name], value, [...path, name]);
  return merged;
}

const keyOf = (entry: unknown) =>
  typeof entry === 'string' ? entry : (Object.keys(entry as Map)[0] ?? '');
const settingsOf = (entry: unknown): Map => {
  const settings = typeof entry === 'string' ? {} : (entry as Map)[keyOf(entry)];
  return isMap(settings) ? settings : {};
};
/** How the config names an entry: its `name:`, else its key. */
export const entryName = (entry: unknown) => String(settingsOf(entry).name ?? keyOf(entry));

function mergeEntries(base: unknown[], fix: unknown[], path: readonly string[]): unknown[] {
  const entries = copy(base);
  for (const entry of fix) {
    const at = entries.findIndex(
      (e) => keyOf(e) === keyOf(entry) && settingsOf(e).name === settingsOf(entry).name,
    );
    if (at < 0) {
      entries.push(copy(entry));
      continue;
    }
    const settings = merge(settingsOf(entries[at]), settingsOf(entry), [...path, keyOf(entry)]);
    entries[at] =
      Object.keys(settings as Map).length === 0 ? keyOf(entry) : { [keyOf(entry)]: settings };
  }
  return entries;
}

/** The config with the finding's fix applied. */
export function applyFix(config: Map, finding: Finding): Map {
  let next =
    finding.fix === undefined ? copy(config) : (merge(config, parse(finding.fix), []) as Map);
  if (finding.remove) next = removeEntries(next, finding.remove.workflow, finding.remove.jobs);
  return next;
}

function removeEntries(config: Map, workflowName: string, names: readonly string[]): Map {
  const workflows = config.workflows as Map;
  const workflow = workflows[workflowName] as Map;
  const gone = new Set(names);
  const isGone = (name: string) =>
    gone.has(name) || [...gone].some((g) => name.startsWith(`${g}-`));
  const jobs = (workflow.jobs as unknown[])
    .filter((entry) => !gone.has(entryName(entry)))
    .map((entry) => {
      const settings = settingsOf(entry);
      if (!Array.isArray(settings.requires)) return entry;
      const requires = settings.requires.filter((r) => !isGone(keyOf(r)));
      const { requires: _, ...rest } = settings;
      const kept = requires.length > 0 ? { ...rest, requires } : rest;
      return Object.keys(kept).length === 0 ? keyOf(entry) : { [keyOf(entry)]: kept };
    });
  const rest = { ...workflows };
  if (jobs.length === 0) delete rest[workflowName];
  else rest[workflowName] = { ...workflow, jobs };
  return { ...config, workflows: rest };
}

/** The rules (as in the rules file) with the finding's change to its rule applied. */
export function applyRuleFix(rules: Map[], finding: Finding): Map[] {
  if (!finding.ruleFix) return rules;
  return rules.map((rule) =>
    rule.name === finding.rule ? (merge(rule, finding.ruleFix, ['rule']) as Map) : rule,
  );
}
