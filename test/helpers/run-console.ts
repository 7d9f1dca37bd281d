/**
 * A page's console sessions run as a reader would run them: in a fresh folder holding a copy of
 * the repository's examples/ and the files the page names before them, through `sh`, with the built
 * CLI in place of `npx cci-conditional@1` and no CIRCLE_* or CCI_CONDITIONAL_* variable but
 * those the command sets itself.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { type Block, type ConsoleCommand, consoleCommands } from './markdown.js';
import { BIN, NODE, ROOT } from './run-bin.js';

export interface Ran extends ConsoleCommand {
  /** stdout and stderr as a terminal shows them, in the order they were written */
  printed: string;
  code: number | null;
}

/**
 * A folder as a reader's checkout: a copy of examples/ (a page that names a file there changes
 * the copy, never the repository) beside the files the page has named so far.
 */
export function readerFolder(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'cci-conditional-docs-'));
  cpSync(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a block the page names as a file into `dir`, which it must not leave. */
export function writeNamed(dir: string, block: Block): void {
  if (block.file === undefined) return;
  const path = resolve(dir, block.file);
  if (!path.startsWith(`${dir}/`)) throw new Error(`${block.file} is outside the reader's folder`);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, block.body);
}

/** Runs each command of a console block in `dir`, as the page shows it. */
export function runConsole(dir: string, block: Block): Ran[] {
  return consoleCommands(block.body).map((shown) => {
    if (!shown.command.includes('npx cci-conditional@1'))
      throw new Error(`a console session runs cci-conditional: ${shown.command}`);
    const command = shown.command.replaceAll('npx cci-conditional@1', '"$DOCS_NODE" "$DOCS_BIN"');
    const ran = spawnSync('sh', ['-c', `{ ${command}\n} 2>&1`], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', HOME: dir, DOCS_NODE: NODE, DOCS_BIN: BIN },
      encoding: 'utf8',
    });
    return { ...shown, printed: ran.stdout, code: ran.status };
  });
}

/** Lines with their trailing spaces and the trailing empty lines dropped. */
const tidy = (text: string) => text.replace(/[ \t]+$/gm, '').replace(/\n+$/, '');

/**
 * Whether `printed` is what the page shows. A JSON value the CLI prints on one line may be shown
 * formatted: from the first line that starts with `{`, the shown text and the printed one must
 * be the same JSON value; the lines before it must be the same text.
 */
export function sameOutput(printed: string, shown: string): boolean {
  if (tidy(printed) === tidy(shown)) return true;
  const split = (text: string) => {
    const lines = tidy(text).split('\n');
    const at = lines.findIndex((line) => line.startsWith('{'));
    return at < 0 ? undefined : { text: lines.slice(0, at).join('\n'), json: lines.slice(at) };
  };
  const a = split(printed);
  const b = split(shown);
  if (!a || !b || a.text !== b.text || a.json.length !== 1) return false;
  try {
    return (
      JSON.stringify(JSON.parse(a.json[0] ?? '')) === JSON.stringify(JSON.parse(b.json.join('\n')))
    );
  } catch {
    return false;
  }
}
