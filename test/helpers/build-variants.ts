/**
 * Builds of the package that each do without one speed trick: a step of the build left out
 * (scripts/build-package.js, TRICKS), a shortcut of the source bypassed, or a trick of the bin
 * undone. Each goes into a folder of its own, laid out as the package is (package.json, bin/,
 * dist/). The changes to sources and to the bin are text replacements that must find their text:
 * when the code they change moves, they fail rather than build the package unchanged.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'esbuild';
import { bundlePackage, type Trick } from '../../scripts/build-package.js';
import { ROOT } from './run-bin.js';

type Edit = [find: string, replace: string];

/** A shortcut of the source: the file and how it is bypassed. */
interface SourceEdit {
  file: string;
  edits: Edit[];
}

/** Shortcuts of the source that stand in front of a library or a thread, each bypassed. */
export const SHORTCUTS = {
  'fast argument path': {
    file: 'src/cli/read-common-line.ts',
    edits: [["if (command !== 'run') return undefined;", 'return undefined;']],
  },
  'text lines without pino': {
    file: 'src/cli/logger.ts',
    edits: [
      ["if (format === 'text' && LEVEL_VALUES[level] >= LEVEL_VALUES.info) {", 'if (false) {'],
    ],
  },
  'generated rules check': {
    file: 'src/core/load-rules.ts',
    edits: [['const good = strict ? undefined : readGoodRules(text);', 'const good = undefined;']],
  },
  'worker only for large configs': {
    file: 'src/config-check/isolated.ts',
    edits: [['return text.length > LARGE || ALIAS.test(text);', 'return true;']],
  },
  'git only for rules with paths': {
    file: 'src/run/plan.ts',
    edits: [
      [
        'const withPaths = actions.some((a) => a.rule.paths !== undefined)',
        'const withPaths = true',
      ],
    ],
  },
} satisfies Record<string, SourceEdit>;

/** Tricks of the bin (bin/cci-conditional.js), each undone. */
export const BIN_TRICKS = {
  'commonjs bin': [
    [
      "const { main, readRegularFile } = require('../dist/cli.js');",
      "import { main, readRegularFile } from '../dist/cli.js';",
    ],
    ["require.resolve('../dist/cli.js')", "new URL('../dist/cli.js', import.meta.url).pathname"],
  ],
  'writes to the file descriptors': [
    ["let direct = process.platform !== 'win32';", 'let direct = false;'],
  ],
  'exit when done': [
    [
      'if (stopped.signal.aborted || !streamed) process.exit();',
      'if (stopped.signal.aborted) process.exit();',
    ],
  ],
} satisfies Record<string, Edit[]>;

export type Shortcut = keyof typeof SHORTCUTS;
export type BinTrick = keyof typeof BIN_TRICKS;
export type Variant =
  | { kind: 'every trick' }
  | { kind: 'build'; trick: Trick }
  | { kind: 'source'; shortcut: Shortcut }
  | { kind: 'bin'; trick: BinTrick };

function replaced(text: string, edits: readonly Edit[], where: string): string {
  let out = text;
  for (const [find, replace] of edits) {
    if (!out.includes(find)) throw new Error(`${where} no longer has ${JSON.stringify(find)}`);
    out = out.replace(find, replace);
  }
  return out;
}

/** An esbuild plugin that bypasses one shortcut in the source it builds from. */
function bypass(edit: SourceEdit): Plugin {
  const path = join(ROOT, edit.file);
  return {
    name: 'bypass-shortcut',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, (args) => {
        if (args.path !== path) return undefined;
        return {
          contents: replaced(readFileSync(path, 'utf8'), edit.edits, edit.file),
          loader: 'ts',
        };
      });
    },
  };
}

/**
 * Builds `variant` into `dir` (package.json, bin/ and dist/); `every trick` builds the package as
 * it is, the yardstick that shows the layout alone breaks nothing. A bin trick takes the package as built into
 * dist/ by npm run build.
 */
export async function buildVariant(variant: Variant, dir: string): Promise<void> {
  mkdirSync(join(dir, 'bin'), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  cpSync(join(ROOT, 'bin', 'package.json'), join(dir, 'bin', 'package.json'));
  const bin = readFileSync(join(ROOT, 'bin', 'cci-conditional.js'), 'utf8');
  if (variant.kind === 'bin') {
    cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
    writeFileSync(
      join(dir, 'bin', 'cci-conditional.js'),
      replaced(bin, BIN_TRICKS[variant.trick], 'the bin'),
    );
    if (variant.trick === 'commonjs bin')
      writeFileSync(join(dir, 'bin', 'package.json'), '{ "type": "module" }\n');
    return;
  }
  writeFileSync(join(dir, 'bin', 'cci-conditional.js'), bin);
  mkdirSync(join(dir, 'dist'));
  await bundlePackage({
    root: ROOT,
    out: join(dir, 'dist'),
    ...(variant.kind === 'build' ? { without: [variant.trick] } : {}),
    ...(variant.kind === 'source' ? { plugins: [bypass(SHORTCUTS[variant.shortcut])] } : {}),
  });
}
