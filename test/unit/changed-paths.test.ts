import { describe, expect, it } from 'vitest';
import {
  changedSince,
  firesFor,
  pathsVerdict,
  scanPaths,
  skippedFor,
} from '../../src/core/changed-paths.js';

const base = { sha: '1a2b3c4d5e6f1a2b3c4d5e6f1a2b3c4d5e6f1a2b', whence: '--paths-base' };

describe('scanPaths', () => {
  it.each<[string[], string[], string | undefined, [string, string] | undefined]>([
    // a glob of a folder, with ** across folders and dot: true
    [
      ['services/api/**'],
      ['web/a.ts', 'services/api/src/a.ts'],
      'services/api/src/a.ts',
      undefined,
    ],
    [['services/api/**'], ['services/api/.env'], 'services/api/.env', undefined],
    [['services/api/*'], ['services/api/src/a.ts'], undefined, undefined],
    [['services/api/*'], ['services/api/a.ts'], 'services/api/a.ts', undefined],
    [['services/api'], ['services/api'], 'services/api', undefined],
    [['services/api'], ['services/api/a.ts'], undefined, undefined],
    // the same list semantics as branches: a ! pattern excludes, whatever its place
    [
      ['!**/*.md', 'services/api/**'],
      ['services/api/README.md'],
      undefined,
      ['services/api/README.md', '!**/*.md'],
    ],
    [
      ['services/api/**', '!**/*.md'],
      ['services/api/README.md', 'services/api/a.ts'],
      'services/api/a.ts',
      ['services/api/README.md', '!**/*.md'],
    ],
    [
      ['services/*/**', '!services/legacy/**'],
      ['services/legacy/x'],
      undefined,
      ['services/legacy/x', '!services/legacy/**'],
    ],
    // braces, classes, extglobs and a leading # (nocomment)
    [['{api,lib}/**'], ['lib/x.ts'], 'lib/x.ts', undefined],
    [['src/[ab].ts'], ['src/c.ts', 'src/b.ts'], 'src/b.ts', undefined],
    [['#notes/*'], ['#notes/x'], '#notes/x', undefined],
    [['**/*.+(ts|tsx)'], ['a/b.tsx'], 'a/b.tsx', undefined],
    // a /regex/ must match the whole path
    [['/services\\/(api|lib)\\/.*/'], ['services/lib/x'], 'services/lib/x', undefined],
    [['/api/'], ['services/api/x'], undefined, undefined],
    // case-sensitive; a path with a space, a newline or any other byte is one path
    [['Docs/**'], ['docs/a.md'], undefined, undefined],
    [['docs/**'], ['docs/a b\nc.md'], 'docs/a b\nc.md', undefined],
    [['**'], [], undefined, undefined],
  ])('%j on %j: matched %j, excluded %j', (patterns, paths, matched, excluded) => {
    const scan = scanPaths(patterns, paths);
    expect(scan.matched?.path).toBe(matched);
    expect(scan.excluded && [scan.excluded.path, scan.excluded.by]).toEqual(excluded);
  });

  it('scans in slices as it would whole, the first match ending it', () => {
    const paths = [...Array.from({ length: 7 }, (_, i) => `docs/${i}.md`), 'src/a.ts', 'src/b.ts'];
    const patterns = ['**', '!docs/**'];
    let scan = {};
    for (let from = 0; from < paths.length; from += 2)
      scan = scanPaths(patterns, paths, from, from + 2, scan);
    expect(scan).toEqual(scanPaths(patterns, paths));
    expect(scan).toEqual({
      matched: { path: 'src/a.ts', by: '**' },
      excluded: { path: 'docs/0.md', by: '!docs/**' },
    });
  });
});

describe('the lines of a rule with paths', () => {
  it.each([
    [0, 'no path changed since 1a2b3c4 (--paths-base)'],
    [1, '1 path changed since 1a2b3c4 (--paths-base)'],
    [3, '3 paths changed since 1a2b3c4 (--paths-base)'],
  ])('%i changed: %s', (count, text) => {
    expect(changedSince(count, base)).toBe(text);
  });

  it('names the first matching path, escaped', () => {
    expect(firesFor(2, base, 'a\u001b[31m.ts')).toBe(
      '2 paths changed since 1a2b3c4 (--paths-base), the first matching "a\\u001b[31m.ts"',
    );
  });

  it.each([
    [0, {}, 'no path changed since 1a2b3c4 (--paths-base)'],
    [2, {}, '2 paths changed since 1a2b3c4 (--paths-base), none matching its paths'],
    [
      1,
      { excluded: { path: 'x/README.md', by: '!**/*.md' } },
      '1 path changed since 1a2b3c4 (--paths-base), none matching its paths ("x/README.md" is excluded by "!**/*.md")',
    ],
  ])('skipped with %i changed: %s', (count, scan, text) => {
    expect(skippedFor(count, base, scan)).toBe(text);
  });
});

describe('pathsVerdict (check --changed)', () => {
  it.each([
    [['a/**'], ['b/x', 'a/y'], true, 'path "a/y" matches (pattern "a/**")'],
    [['a/**'], ['b/x'], false, 'none of the 1 changed path matches its paths'],
    [
      ['a/**', '!**/*.md'],
      ['a/x.md', 'b'],
      false,
      'none of the 2 changed paths matches its paths; "a/x.md" is excluded by "!**/*.md"',
    ],
  ])('%j on %j', (patterns, changed, fires, why) => {
    expect(pathsVerdict(patterns, changed)).toMatchObject({ fires, why });
  });
});
