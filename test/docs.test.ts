/**
 * docs/ says what the code does: the CLI reference lists, per command, the options `--help`
 * lists with their types, defaults and variables, the CIRCLE_* variables the code reads and the
 * $BASH_ENV outputs it writes; the rules reference lists every key of the schema and its
 * patterns table is what `check` decides; troubleshooting quotes messages the code writes; the
 * rules files shown are valid; every relative link leads somewhere.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_VARIABLES } from '../src/cli/option-variables.js';
import { evaluateRules } from '../src/core/decide.js';
import { parseRules } from '../src/core/parse-rules.js';
import { ruleSchema, rulesFileSchema } from '../src/core/rules-schema.js';
import {
  anchors,
  codeBlocks,
  filesUnder,
  headings,
  links,
  markdownFiles,
  read,
  table,
  unquote,
  userPages,
} from './helpers/markdown.js';
import { BIN, NODE, ROOT } from './helpers/run-bin.js';

const cliPage = read('docs/cli.md');
const COMMANDS = ['run', 'check', 'validate', 'doctor'];

/** An option as `--help` shows it: its name, type and default (`—` when it shows none). */
interface HelpOption {
  name: string;
  type: string;
  default: string;
}

/** The options of `command --help` of the built CLI, in the order it lists them. */
function helpOptions(command: string): HelpOption[] {
  const help = spawnSync(NODE, [BIN, command, '--help'], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '' },
  }).stdout;
  const options: HelpOption[] = [];
  // an option's entry: its line and the wrapped lines under it, up to the next option or blank
  for (const entry of help.split(/\n(?=\s+(?:-\w, )?--[\w-]+)|\n\n/)) {
    const text = entry.replace(/\s+/g, ' ').trim();
    const name = /^(?:-\w, )?--([\w-]+) /.exec(text)?.[1];
    if (!name || name === 'help' || name === 'version') continue;
    const type = [...text.matchAll(/\[(string|number|boolean)\]/g)].at(-1)?.[1] ?? '';
    const fallback = /\[default: ([^\]]+)\]/.exec(text)?.[1]?.replace(/^"|"$/g, '') ?? '—';
    options.push({ name, type, default: fallback });
  }
  return options;
}

/** The rows of the option table of `command` in docs/cli.md. */
function documentedOptions(command: string) {
  const at = cliPage.indexOf(`### Options of \`${command}\``);
  expect(at, command).toBeGreaterThan(0);
  return table(cliPage, 'option', at).map(([option, type, fallback, variable]) => ({
    name: /^`--([\w-]+)/.exec(option ?? '')?.[1] ?? option,
    type,
    default: unquote(fallback),
    variable: unquote(variable),
  }));
}

describe('docs/cli.md', () => {
  it.each(COMMANDS)('lists the options of %s as --help does: names, types, defaults', (command) => {
    const help = helpOptions(command);
    expect(help.length).toBeGreaterThan(4);
    const documented = documentedOptions(command);
    expect(documented.map(({ name, type, default: d }) => ({ name, type, default: d }))).toEqual(
      help,
    );
    for (const { name, variable } of documented)
      expect(variable).toBe(`CCI_CONDITIONAL_${(name ?? '').toUpperCase().replaceAll('-', '_')}`);
  });

  it('lists every CIRCLE_* variable the code reads', () => {
    const read_ = new Set(
      filesUnder('src', '.ts').flatMap((file) => read(file).match(/\bCIRCLE_[A-Z0-9_]+/g) ?? []),
    );
    const listed = new Set(
      table(cliPage, 'variable', cliPage.indexOf('## Environment read')).flatMap(
        ([cell]) => cell?.match(/\bCIRCLE_[A-Z0-9_]+/g) ?? [],
      ),
    );
    expect([...listed].sort()).toEqual([...read_].sort());
  });

  it('lists every $BASH_ENV output the code writes', () => {
    const rows = table(cliPage, 'variable', cliPage.indexOf('### Outputs for later steps'));
    expect(rows.map(([cell]) => unquote(cell))).toEqual(OUTPUT_VARIABLES);
  });

  it('lists the exit codes that the README lists', () => {
    const codes = (rows: string[][]) => rows.flatMap(([cell]) => cell?.split(', ') ?? []).sort();
    const cli = codes(table(cliPage, 'code', cliPage.indexOf('## Exit codes')));
    expect(cli).toEqual(['0', '1', '130', '143', '2', '3']);
    expect(codes(table(read('README.md'), 'code'))).toEqual(cli);
  });
});

describe('docs/rules.md', () => {
  const page = read('docs/rules.md');

  it('lists every key of the rules file, and where it goes, in the key table', () => {
    const where: Record<string, string[]> = { $schema: ['file'] };
    for (const key of Object.keys(rulesFileSchema.shape).filter((k) => k !== 'rules'))
      where[key] = ['file'];
    where.rules = ['file'];
    for (const key of Object.keys(ruleSchema.shape)) where[key] = [...(where[key] ?? []), 'rule'];
    const listed = Object.fromEntries(
      table(page, 'key').map(([key, at]) => [unquote(key), (at ?? '').split(', ')]),
    );
    expect(listed).toEqual(where);
  });

  it('shows in its patterns table what check decides for each name', () => {
    const rows = table(page, 'patterns');
    expect(rows.length).toBeGreaterThan(15);
    for (const [patterns = '', name = '', matches = ''] of rows) {
      const list = [...patterns.matchAll(/`([^`]+)`/g)].map((m) =>
        (m[1] ?? '').replace('\\|', '|'),
      );
      const [kind, value] = name.split(' ') as ['branch' | 'tag', string];
      const key = patterns.includes('in `tags`') ? 'tags' : 'branches';
      const rule = { name: 'r', [key]: list.filter((p) => p !== key), job: 'deploy' };
      const rules = parseRules(JSON.stringify({ rules: [rule] }), 'row');
      const fired = evaluateRules(rules, { kind, name: unquote(value) })[0]?.matched;
      expect(fired ? 'yes' : 'no', `${patterns} against ${name}`).toBe(matches);
    }
  });
});

describe('docs/troubleshooting.md', () => {
  const page = read('docs/troubleshooting.md');
  // where messages are written: the CLI's source, its bin, and CircleCI's words in the fake
  const sources = [
    ...filesUnder('src', '.ts'),
    'bin/cci-conditional.js',
    ...filesUnder('test/fake-circleci', '.js'),
  ].map(read);
  /** A quoted message as a pattern: `<name>` a value, `…` the rest, the rest of it verbatim. */
  const pattern = (quote: string) =>
    new RegExp(
      quote
        .split(/<[\w -]+>|…/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[^\\n]*?'),
    );
  const keys = headings(page)
    .filter((heading) => heading.startsWith('`'))
    .map((heading) => /^`([^`]+)`/.exec(heading)?.[1] ?? '');

  it('is keyed by messages', () => {
    expect(keys.length).toBeGreaterThan(25);
  });

  it.each(keys)('quotes `%s` as the code writes it', (key) => {
    expect(sources.some((text) => pattern(key).test(text))).toBe(true);
  });
});

describe('the pages of docs/', () => {
  it('are each listed in docs/README.md', () => {
    const index = new Set(links(read('docs/README.md')));
    for (const page of markdownFiles('docs').filter((p) => p !== 'docs/README.md'))
      expect(index, page).toContain(page.replace('docs/', ''));
  });

  it('show valid rules files, but for the ones the page names as a file to try', () => {
    const shown = userPages().flatMap((page) =>
      codeBlocks(read(page))
        .filter((block) => block.lang === 'json' && /"rules"\s*:/.test(block.body) && !block.file)
        .map((block) => [`${page}:${block.line}`, block.body] as const),
    );
    expect(shown.length).toBeGreaterThan(10);
    for (const [where, body] of shown) expect(() => parseRules(body, where), where).not.toThrow();
  });

  it.each([
    ...userPages(),
    'CONTRIBUTING.md',
    'CHANGELOG.md',
    ...markdownFiles('examples'),
    ...markdownFiles('orb'),
  ])('%s links to files and headings that exist', (page) => {
    const text = read(page);
    for (const link of links(text)) {
      if (/^https?:/.test(link)) continue;
      const [path = '', anchor] = link.split('#');
      const target = path === '' ? page : normalize(join(dirname(page), path));
      expect(existsSync(join(ROOT, target)), `${page}: ${link}`).toBe(true);
      if (anchor === undefined) continue;
      expect(statSync(join(ROOT, target)).isFile(), `${page}: ${link}`).toBe(true);
      expect(anchors(read(target)), `${page}: ${link}`).toContain(anchor);
    }
  });
});
