/**
 * A glob as minimatch builds it, with each part tested in linear time rather than by the regex
 * minimatch made of it, which backtracks polynomially on a part such as `*-*-*-*-[0-9]`: parts of
 * characters, `?`, classes and `*` by glob-segment.ts, extglob parts by the regex automaton where
 * it can (not `!(...)`, a lookahead). minimatch itself puts faster tests on its regexes the same
 * way (its `*`, `*.ext` and `???` shortcuts), which are kept.
 */
import { Minimatch, type MinimatchOptions } from 'minimatch';
import { linearPartTest, NOT_DOTS, type PartRegExp, type PartTest } from './glob-segment.js';
import { compileAutomaton, runAutomaton } from './regex-automaton.js';

/** The most patterns a glob's braces may expand to (`{a,b}{c,d}` is 4), and their characters. */
export const MAX_GLOBS = 64;
export const MAX_GLOB_CHARS = 4000;

export const GLOB_OPTIONS: MinimatchOptions = {
  dot: true,
  nocomment: true,
  nonegate: true,
  platform: 'linux',
  // A bound on the work of a pattern that validate has not refused (it refuses more than MAX_GLOBS).
  braceExpandMax: MAX_GLOBS + 1,
};

export function makeGlob(pattern: string): Minimatch {
  const glob = new Minimatch(pattern, GLOB_OPTIONS);
  for (const parts of glob.set) {
    for (const part of parts) {
      if (!(part instanceof RegExp) || Object.hasOwn(part, 'test')) continue;
      const test = linearPartTest(part as PartRegExp) ?? automatonPartTest(part as PartRegExp);
      if (test) Reflect.defineProperty(part, 'test', { value: test });
    }
  }
  return glob;
}

/** An extglob part's regex run by the automaton, when it has no other lookaround (`!(...)`). */
function automatonPartTest(regex: PartRegExp): PartTest | undefined {
  if (regex._src === undefined || regex.flags !== '') return undefined;
  const noDots = regex._src.startsWith(NOT_DOTS);
  const source = noDots ? regex._src.slice(NOT_DOTS.length) : regex._src;
  const automaton = compileAutomaton(`^(?:${source})$`);
  if (automaton === undefined) return undefined;
  return (part) => !(noDots && (part === '.' || part === '..')) && runAutomaton(automaton, part);
}
