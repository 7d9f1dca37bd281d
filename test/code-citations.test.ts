/**
 * Code comments cite only what is in the repository: a section of ARCHITECTURE.md, README.md or
 * a page of docs/ by its heading (`ARCHITECTURE.md, "Lost answers"`), and that heading exists.
 * Documents kept outside the repository (the notes and specification it was built from) are
 * never cited: a reader of the code could not follow the reference.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headings, read } from './helpers/markdown.js';
import { ROOT } from './helpers/run-bin.js';

/** The comments of a source file, each as one line of text (continuation `*` and `//` dropped). */
function commentsOf(text: string): string[] {
  const comments: string[] = [];
  for (const match of text.matchAll(
    /\/\*[\s\S]*?\*\/|(?:^|[^:'"`\\])(\/\/[^\n]*(?:\n\s*\/\/[^\n]*)*)/g,
  )) {
    const comment = match[1] ?? match[0];
    comments.push(
      comment
        .replace(/^\/\*\*?|\*\/$/g, '')
        .replace(/\n\s*(?:\*(?!\/)|\/\/)?/g, ' ')
        .replace(/^\/\//, '')
        .replace(/\s+/g, ' ')
        .trim(),
    );
  }
  return comments;
}

/** `ARCHITECTURE.md, "Signals"`, `docs/cli.md ("Exit codes")`: [file, heading]. */
function citationsOf(comment: string): Array<[string, string]> {
  return [...comment.matchAll(/((?:docs\/)?[\w-]+\.md),? \(?"([^"]+)"/g)].map(
    ([, file = '', heading = '']) => [file, heading],
  );
}

const OUTSIDE =
  /Amendment \d|Addition \d|\bthe contract\b|contract\.md|circleci-notes|\.\.\/shared/i;

function sourceFiles(): string[] {
  return ['src', 'scripts', 'test', 'bin'].flatMap((folder) =>
    readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.(?:ts|js|cjs|mjs)$/.test(file) && !file.startsWith('fixtures/'))
      .map((file) => `${folder}/${file}`),
  );
}

describe('code comments', () => {
  const files = sourceFiles();
  const comments = files.flatMap((file) =>
    commentsOf(readFileSync(join(ROOT, file), 'utf8')).map((comment) => [file, comment] as const),
  );

  it('are read from every source file', () => {
    expect(files).toContain('src/cli/cli.ts');
    expect(files).toContain('scripts/build.js');
    expect(comments.length).toBeGreaterThan(1000);
  });

  it('cite no document kept outside the repository', () => {
    const outside = comments.filter(([, comment]) => OUTSIDE.test(comment));
    expect(outside.map(([file, comment]) => `${file}: ${comment.slice(0, 120)}`)).toEqual([]);
  });

  it('cite sections of the repository that exist', () => {
    const cited = comments.flatMap(([file, comment]) =>
      citationsOf(comment).map(([page, heading]) => ({ file, page, heading })),
    );
    expect(cited.length).toBeGreaterThan(30);
    for (const { file, page, heading } of cited) {
      const path =
        page.startsWith('docs/') || page === 'ARCHITECTURE.md' || page === 'README.md'
          ? page
          : `docs/${page}`;
      expect(headings(read(path)), `${file} cites ${page}, "${heading}"`).toContain(heading);
    }
  });

  it.each([
    ['/** See ARCHITECTURE.md, "Lost answers". */', [['ARCHITECTURE.md', 'Lost answers']]],
    [
      '/**\n * Order as docs/cli.md\n * ("What `run` does, in order") says.\n */',
      [['docs/cli.md', 'What `run` does, in order']],
    ],
    [
      '// as ARCHITECTURE.md, "The end of\n// API v1.1" says',
      [['ARCHITECTURE.md', 'The end of API v1.1']],
    ],
    ["const url = 'https://example.com'; // no citation", []],
  ])('finds the citations of %j', (text, expected) => {
    expect(commentsOf(text).flatMap(citationsOf)).toEqual(expected);
  });
});
