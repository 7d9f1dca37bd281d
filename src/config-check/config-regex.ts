/**
 * The regular expressions of a config (`matches` statements, `matches /re/` in expressions,
 * `/re/` in job filters), compiled once each. As with the rules' patterns, `run` matches them
 * against a branch name anyone who can push chooses, so each is matched in linear time by the
 * automaton (src/core/regex-automaton.ts) where it takes the regex; one that can backtrack
 * exponentially is refused, as a rule's is, and so is one left to JavaScript's engine that can
 * backtrack polynomially. Java's syntax
 * (CircleCI's) is close enough to JavaScript's for configs; a pattern JavaScript rejects is
 * undefined (unknown to the check).
 */
import { exponentialBacktracking } from '../core/pattern-backtracking.js';
import { polynomialBacktracking } from '../core/pattern-polynomial.js';
import { compileAutomaton, runAutomaton } from '../core/regex-automaton.js';
import { NotChecked } from './bounds.js';

/** A config pattern's whole-match test. */
export interface ConfigRegex {
  test: (name: string) => boolean;
}

const compiled = new Map<string, ConfigRegex | undefined>();

/** The whole-match test of a config pattern; throws NotChecked for one that could hang. */
export function configRegex(pattern: string): ConfigRegex | undefined {
  if (compiled.has(pattern)) return compiled.get(pattern);
  const regex = compileTest(`^(?:${pattern})$`, pattern);
  compiled.set(pattern, regex);
  return regex;
}

function compileTest(source: string, pattern: string): ConfigRegex | undefined {
  const plain = compile(source, '');
  const regex = compile(source, 'u') ?? plain;
  if (!regex) return undefined;
  // As for the rules: exponential backtracking is refused whatever matches it.
  refuse(
    pattern,
    safely(() => exponentialBacktracking(regex.source), TOO_COMPLEX),
  );
  const automaton = plain && safely(() => compileAutomaton(source));
  if (automaton) return { test: (name) => runAutomaton(automaton, name) };
  refuse(
    pattern,
    safely(() => polynomialBacktracking(regex.source), TOO_COMPLEX),
  );
  return regex;
}

const TOO_COMPLEX = 'it is too complex to check';

function refuse(pattern: string, why: string | undefined): void {
  if (why !== undefined)
    throw new NotChecked(
      `the pattern ${JSON.stringify(pattern)} can backtrack catastrophically (${why}): matching it against a branch or tag name could hang`,
    );
}

function safely<T>(make: () => T, onError?: T): T | undefined {
  try {
    return make();
  } catch {
    return onError;
  }
}

function compile(source: string, flags: string): RegExp | undefined {
  try {
    return new RegExp(source, flags);
  } catch {
    return undefined;
  }
}
