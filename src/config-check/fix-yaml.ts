/**
 * The YAML of a suggested fix, written by the YAML library from a value (so every name and regex
 * is quoted where YAML needs it), with `equal: [a, b]` and `enum:` in flow style.
 * Job entries name jobs as the config does: the job's key, with its `name:` when it has one, so
 * that pasting the fix changes the entry that is there.
 */
import { Document, isScalar, isSeq, visit } from 'yaml';
import type { JobInvocation } from './config-model.js';

type Map = Record<string, unknown>;

/** Lists written on one line, as CircleCI's docs write them. */
const FLOW = new Set<unknown>(['equal', 'enum']);

export function renderFix(value: Map): string {
  const document = new Document(value);
  visit(document, {
    Pair(_, pair) {
      if (isScalar(pair.key) && FLOW.has(pair.key.value) && isSeq(pair.value))
        pair.value.flow = true;
    },
  });
  return document.toString({ lineWidth: 0 });
}

/** `- key: { name: ..., ...settings }`, or `- key` when there is nothing to set. */
export function entryOf(invocation: JobInvocation, settings: Map = {}): Map | string {
  const named = invocation.rawName === undefined ? {} : { name: invocation.rawName };
  const all = { ...named, ...settings };
  return Object.keys(all).length === 0 ? invocation.job : { [invocation.job]: all };
}

/** How a person finds the entry: its `name:`, else its key. */
export const entryName = (invocation: JobInvocation) => invocation.rawName ?? invocation.job;

/** The condition under which a workflow runs only in pipelines started for `job`. */
export const gateFor = (job: string, jobParameter: string) => ({
  equal: [job, `<< pipeline.parameters.${jobParameter} >>`],
});

/** The value of a workflow's condition that also skips pipelines started through the trigger. */
export function skipTriggered(
  workflow: { when: unknown; unless: unknown },
  parameter: string,
): Map {
  const skip = `<< pipeline.parameters.${parameter} >>`;
  if (workflow.when !== undefined) return { when: { and: [workflow.when, { not: skip }] } };
  if (workflow.unless !== undefined) return { unless: { or: [workflow.unless, skip] } };
  return { unless: skip };
}
