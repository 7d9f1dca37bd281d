/**
 * Every console session of the README and docs/ prints what the page shows: each page is
 * followed from its top in a folder of its own, the files it names are written as it names them,
 * and each `$ npx cci-conditional@1 ...` runs the built CLI through sh, its output and exit code
 * compared with the page's.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { codeBlocks, read, userPages } from './helpers/markdown.js';
import { readerFolder, runConsole, sameOutput, writeNamed } from './helpers/run-console.js';

const pages = userPages().filter((page) =>
  codeBlocks(read(page)).some((b) => b.lang === 'console'),
);

describe.each(pages)('the console sessions of %s', (page) => {
  const folder = readerFolder();
  afterAll(folder.remove);
  const blocks = codeBlocks(read(page));
  const sessions = blocks.filter((block) => block.lang === 'console');

  it.each(sessions.map((block) => [`line ${block.line}`, block] as const))('%s', (_, block) => {
    // the files the page named before this session, in the order it named them
    for (const named of blocks.filter((b) => b.file !== undefined && b.line < block.line))
      writeNamed(folder.dir, named);
    for (const ran of runConsole(folder.dir, block)) {
      expect(
        sameOutput(ran.printed, ran.output),
        `$ ${ran.command}\nprinted:\n${ran.printed}\nthe page shows:\n${ran.output}`,
      ).toBe(true);
      expect(ran.code, `$ ${ran.command}`).toBe(ran.exit);
    }
  });
});

describe('the console sessions', () => {
  it('are on the pages that show the CLI at work', () => {
    expect(pages).toEqual(
      expect.arrayContaining([
        'README.md',
        'docs/cli.md',
        'docs/config.md',
        'docs/recipes/monorepo.md',
        'docs/recipes/setup-config.md',
      ]),
    );
  });
});
