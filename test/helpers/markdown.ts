/**
 * The user documentation as the docs tests read it: the pages (README.md and docs/), their fenced
 * code blocks with the file each one is named as, console sessions split into commands and the
 * output shown, links, headings and GitHub's anchors for them, and tables. Pure, but for reading
 * the pages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './run-bin.js';

/** Where the README's links to this repository point: what npmjs.com can follow. */
export const REPOSITORY = 'https://github.com/cci-conditional/cci-conditional';

export const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The files of a folder and of the folders in it whose names end in `ext`, from the root. */
export function filesUnder(folder: string, ext: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true })
    .flatMap((entry) =>
      entry.isDirectory()
        ? filesUnder(`${folder}/${entry.name}`, ext)
        : entry.name.endsWith(ext)
          ? [`${folder}/${entry.name}`]
          : [],
    )
    .sort();
}

export const markdownFiles = (folder: string) => filesUnder(folder, '.md');

/** The pages a user reads: the README and every page of docs/. */
export const userPages = (): string[] => ['README.md', ...markdownFiles('docs')];

export interface Block {
  /** the fence's language: json, yaml, console, text, sh, ... */
  lang: string;
  /** the text inside the fence, without the indentation of a list item */
  body: string;
  /** the 1-based line of the opening fence */
  line: number;
  /** the file the page names it as (`Save as \`.circleci/config.yml\`:`), if any */
  file?: string;
}

/**
 * The fenced code blocks of a page, in order. A block is named as a file when the text right
 * before it ends with a code span naming a path and a colon: "Save as `.circleci/config.yml`:",
 * "With this `bad.json`:", "this `.circleci/config.yml`:".
 */
export function codeBlocks(page: string): Block[] {
  const lines = page.split('\n');
  const blocks: Block[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^( *)```(\w*)\s*$/.exec(lines[i] ?? '');
    if (!open) continue;
    const indent = open[1]?.length ?? 0;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !/^ *```\s*$/.test(lines[i] ?? ''); i++)
      body.push((lines[i] ?? '').slice(indent));
    const before = lines
      .slice(0, start)
      .reverse()
      .find((line) => line.trim() !== '');
    const named = /`([\w./-]+\.(?:json|ya?ml))`[^`]*:$/.exec(before?.trim() ?? '')?.[1];
    blocks.push({
      lang: open[2] ?? '',
      body: body.length > 0 ? `${body.join('\n')}\n` : '',
      line: start + 1,
      ...(named ? { file: named } : {}),
    });
  }
  return blocks;
}

export interface ConsoleCommand {
  /** the command as typed after `$ `, continuation lines joined */
  command: string;
  /** the lines shown after it, up to the next command */
  output: string;
  /** the exit code a trailing `# exit N` names, else 0 */
  exit: number;
}

/** The commands of a ```console block and the output shown for each. */
export function consoleCommands(body: string): ConsoleCommand[] {
  const commands: ConsoleCommand[] = [];
  const lines = body.replace(/\n$/, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i] ?? '';
    if (!line.startsWith('$ ')) throw new Error(`console output without a command: ${line}`);
    let command = line.slice(2);
    while (command.endsWith('\\') && i + 1 < lines.length) {
      i++;
      line = lines[i] ?? '';
      command = `${command}\n${line}`;
    }
    const output: string[] = [];
    while (i + 1 < lines.length && !(lines[i + 1] ?? '').startsWith('$ ')) {
      i++;
      output.push(lines[i] ?? '');
    }
    const exit = Number(/#[^#\n]*\bexit (\d+)[^#\n]*$/.exec(command)?.[1] ?? 0);
    commands.push({ command, output: output.join('\n'), exit });
  }
  return commands;
}

/** The `[text](target)` links of a page, outside code blocks and code spans. */
export function links(page: string): string[] {
  const prose = page.replace(/^ *```[\s\S]*?^ *```$/gm, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] ?? '');
}

/** The headings of a page (outside code blocks), as written after the #s. */
export function headings(page: string): string[] {
  const prose = page.replace(/^ *```[\s\S]*?^ *```$/gm, '');
  return [...prose.matchAll(/^#{1,6} +(.+?) *$/gm)].map((match) => match[1] ?? '');
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as hyphens. */
export function slug(heading: string): string {
  return heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Every anchor of a page, numbered as GitHub numbers repeated headings (`-1`, `-2`). */
export function anchors(page: string): Set<string> {
  const seen = new Map<string, number>();
  const found = new Set<string>();
  for (const heading of headings(page)) {
    const base = slug(heading);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    found.add(count === 0 ? base : `${base}-${count}`);
  }
  return found;
}

/**
 * The body rows of the first table after `from` whose first header cell is `first`, cells
 * trimmed (a cell may hold `\|`).
 */
export function table(page: string, first: string, from = 0): string[][] {
  const lines = page.slice(from).split('\n');
  const start = lines.findIndex((line) => new RegExp(`^\\| ${first} +\\|`).test(line));
  if (start < 0) throw new Error(`no table headed "${first}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split(/(?<!\\) \| /)
        .map((cell) => cell.trim()),
    );
  }
  return rows;
}

/** The text of a code span cell: `` `--rules <path>` `` → `--rules <path>`. */
export const unquote = (cell = '') => cell.replace(/^`|`$/g, '');
