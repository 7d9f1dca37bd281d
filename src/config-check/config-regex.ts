/**
 * The regular expressions of a config (`matches` statements, `matches /re/` in expressions,
 * `/re/` in job filters), compiled once each and refused, like the rules' patterns, when they
 * could backtrack catastrophically: `run` matches them against a branch name anyone who can push
 * chooses. Java's syntax (CircleCI's) is close enough to JavaScript's for configs; a pattern
 * JavaScript rejects is undefined (unknown to the check).
 */
import { exponentialBacktracking } from '../core/pattern-backtracking.js';
import { NotChecked } from './bounds.js';

const compiled = new Map<string, RegExp | undefined>();

/** The whole-match regex of a config pattern; throws NotChecked for one that could hang. */
export function configRegex(pattern: string): RegExp | undefined {
  if (compiled.has(pattern)) return compiled.get(pattern);
  const source = `^(?:${pattern})$`;
  const regex = compile(source, 'u') ?? compile(source, '');
  if (regex) {
    let why: string | undefined;
    try {
      why = exponentialBacktracking(regex.source);
    } catch {
      why = 'it is too complex to check';
    }
    if (why !== undefined)
      throw new NotChecked(
        `the pattern ${JSON.stringify(pattern)} can backtrack catastrophically (${why}): matching it against a branch or tag name could hang`,
      );
  }
  compiled.set(pattern, regex);
  return regex;
}

function compile(source: string, flags: string): RegExp | undefined {
  try {
    return new RegExp(source, flags);
  } catch {
    return undefined;
  }
}
