/**
 * Each name src/ exports means one thing: no two files declare an export of the same name
 * (re-exports of one declaration, `export { x } from`, are the same thing and do not count, and
 * nor does src/index.ts, the programmatic API, which hands on the pieces under their names).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/run-bin.js';

const DECLARED =
  /^export (?:declare )?(?:async )?(?:function\*?|const|let|interface|type|class|enum) ([A-Za-z_$][\w$]*)/gm;

/** name → the files of src/ that declare an export of it */
function declaredExports(files: Record<string, string>): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const [file, text] of Object.entries(files)) {
    for (const [, name = ''] of text.matchAll(DECLARED)) {
      found.set(name, [...(found.get(name) ?? []), file]);
    }
  }
  return found;
}

const collisions = (files: Record<string, string>) =>
  [...declaredExports(files)].filter(([, where]) => where.length > 1);

describe('the exported names of src/', () => {
  const src = join(ROOT, 'src');
  const files = Object.fromEntries(
    readdirSync(src, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && file !== 'index.ts')
      .map((file) => [file, readFileSync(join(src, file), 'utf8')]),
  );

  it('are read from every file', () => {
    expect(declaredExports(files).get('main')).toEqual(['cli/cli.ts']);
  });

  it('each name one declaration', () => {
    expect(collisions(files)).toEqual([]);
  });

  it.each([
    [
      'two files declaring one name',
      { 'a.ts': 'export interface Check {}', 'b.ts': 'export type Check = 1;' },
      [['Check', ['a.ts', 'b.ts']]],
    ],
    [
      'a re-export',
      { 'a.ts': 'export function run() {}', 'b.ts': "export { run } from './a.js';" },
      [],
    ],
  ])('finds %s', (_, given, expected) => {
    expect(collisions(given)).toEqual(expected);
  });
});
