/**
 * A few names a rule fires on, to try a config's filters with when the name is not known
 * (`validate`): plain names as they are, globs and simple regexes with their wildcards filled in
 * (`v*.*.*` → `vx.x.x`, `/^v\d+\.\d+$/` → `v1.1`). Each is kept only when the rule's own matcher
 * takes it, so a name tried is always one the rule really fires on.
 */
import { listMatcher } from '../core/match-patterns.js';

const MAX_SAMPLES = 8;

function fromGlob(pattern: string): string | undefined {
  if (/[[\]{}()!+@\\]/.test(pattern)) return undefined;
  return pattern.replace(/\*\*|\*|\?/g, 'x');
}

/** The regex read piece by piece; undefined at the first piece that is not one of these. */
const PIECES: Array<[RegExp, (m: RegExpExecArray) => string]> = [
  [/^(?:\\d|\[0-9\])[+*]?/, () => '1'],
  [/^(?:\\w|\.)[+*]?/, () => 'x'],
  [/^\\([^A-Za-z0-9])(?![?*+{])/, (m) => m[1] ?? ''],
  [/^[\w/ -](?![?*+{])/, (m) => m[0]],
];

function fromRegex(source: string): string | undefined {
  let rest = source.replace(/^\^/, '').replace(/(^|[^\\])\$$/, '$1');
  let name = '';
  while (rest !== '') {
    const piece = PIECES.map(([regex, fill]) => {
      const m = regex.exec(rest);
      return m ? ([m[0].length, fill(m)] as const) : undefined;
    }).find((p) => p !== undefined);
    if (!piece) return undefined;
    name += piece[1];
    rest = rest.slice(piece[0]);
  }
  return name;
}

export function sampleNames(patterns: readonly string[]): string[] {
  const matches = listMatcher(patterns);
  const names = patterns
    .filter((p) => !p.startsWith('!'))
    .map((p) => (p.startsWith('/') && p.endsWith('/') ? fromRegex(p.slice(1, -1)) : fromGlob(p)))
    .filter((name): name is string => name !== undefined && name !== '' && matches(name).matched);
  return [...new Set(names)].slice(0, MAX_SAMPLES);
}
