import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/base/errors.js';
import { readChanged } from '../../src/cli/changed-input.js';

const files: Record<string, string> = {
  'crlf.txt': 'a/b.ts\r\n\r\nc d/e.md\r\n',
  'lf.txt': 'x\n\ny\n',
  'empty.txt': '',
};
const readFile = async (path: string) => {
  const text = files[path];
  if (text === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
  return text;
};

describe('readChanged (check --changed, --changed-from)', () => {
  it.each<[string[], string | undefined, string[] | undefined]>([
    [[], undefined, undefined],
    [['a/b.ts', 'a/b.ts', 'c'], undefined, ['a/b.ts', 'a/b.ts', 'c']],
    [[], 'crlf.txt', ['a/b.ts', 'c d/e.md']],
    [['z'], 'lf.txt', ['z', 'x', 'y']],
    [[], 'empty.txt', []],
  ])('--changed %j --changed-from %j: %j', async (given, from, paths) => {
    expect(await readChanged({ given, from }, readFile)).toEqual(paths);
  });

  it.each<[string[], string | undefined, string]>([
    [[''], undefined, '--changed takes a path, not ""'],
    [[], 'missing.txt', 'cannot read --changed-from missing.txt: no such file'],
  ])('refuses --changed %j --changed-from %j', async (given, from, message) => {
    const read = readChanged({ given, from }, readFile);
    await expect(read).rejects.toThrow(UsageError);
    await expect(read).rejects.toThrow(message);
  });
});
