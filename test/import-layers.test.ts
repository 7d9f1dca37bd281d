/**
 * The layers of src/ (ARCHITECTURE.md, "Layers"): every import, type-only and dynamic ones
 * included, stays in its folder or goes down to a lower layer, and no files import each other in
 * a loop. The imports are read with TypeScript's own scanner of import statements.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(new URL(import.meta.url).pathname), '..', 'src');

/** From the bottom up; the folders of one layer do not import each other. */
const LAYERS: readonly (readonly string[])[] = [
  ['base'],
  ['core'],
  ['circleci', 'config-check', 'git'],
  ['run', 'doctor'],
  ['cli'],
  ['index.ts'],
];

type Graph = Map<string, string[]>;

/** Every .ts file of src/ (paths relative to it) with the files of src/ it imports. */
function importGraph(): Graph {
  const files = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .sort();
  const graph: Graph = new Map();
  for (const file of files) {
    const text = readFileSync(join(SRC, file), 'utf8');
    const { importedFiles } = ts.preProcessFile(text, true, true);
    const targets = importedFiles
      .map((imported) => imported.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => relative(SRC, resolve(SRC, dirname(file), name)).replace(/\.js$/, '.ts'));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** The top folder of a file of src/ (or the file itself at the top: index.ts). */
const partOf = (file: string) => file.split('/')[0] ?? file;

function layerOf(part: string): number {
  const layer = LAYERS.findIndex((parts) => parts.includes(part));
  if (layer < 0)
    throw new Error(`src/${part} is in no layer: add it to LAYERS and ARCHITECTURE.md`);
  return layer;
}

/** `a -> b` for each import that leaves its folder for one that is not below it. */
function upwardImports(graph: Graph): string[] {
  const found: string[] = [];
  for (const [file, targets] of graph) {
    for (const target of targets) {
      const [from, to] = [partOf(file), partOf(target)];
      if (from !== to && layerOf(to) >= layerOf(from)) found.push(`${file} -> ${target}`);
    }
  }
  return found;
}

/** Each set of files that import each other in a loop (Tarjan's strongly connected components). */
function cycles(graph: Graph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (file: string) => {
    index.set(file, index.size);
    low.set(file, index.get(file) ?? 0);
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file) ?? 0, low.get(target) ?? 0));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file) ?? 0, index.get(target) ?? 0));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
      onStack.delete(top);
      component.push(top);
      if (top === file) break;
    }
    const selfImport = graph.get(file)?.includes(file) ?? false;
    if (component.length > 1 || selfImport) found.push(component.sort());
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found;
}

describe('the layers of src/', () => {
  const graph = importGraph();

  it('reads the imports of every file: static, type-only and dynamic ones', () => {
    expect(graph.get('cli/cli.ts')).toEqual(
      expect.arrayContaining(['cli/parse-args.ts', 'cli/doctor-command.ts', 'run/run.ts']),
    );
    expect(graph.get('run/plan.ts')).toEqual(
      expect.arrayContaining(['run/paths.ts', 'run/send.ts', 'run/options.ts']),
    );
  });

  it('puts every folder of src/ in a layer', () => {
    for (const file of graph.keys()) expect(() => layerOf(partOf(file)), file).not.toThrow();
  });

  it('has no import from a layer to one above it, or to another folder of its own layer', () => {
    expect(upwardImports(graph)).toEqual([]);
  });

  it('has no files that import each other in a loop', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it.each([
    [
      'an import up a layer',
      { 'core/a.ts': ['run/b.ts'], 'run/b.ts': [] },
      ['core/a.ts -> run/b.ts'],
    ],
    [
      'an import across a layer',
      { 'git/a.ts': ['circleci/b.ts'], 'circleci/b.ts': [] },
      ['git/a.ts -> circleci/b.ts'],
    ],
    ['an import down', { 'cli/a.ts': ['base/b.ts'], 'base/b.ts': [] }, []],
  ])('finds %s', (_, edges, expected) => {
    expect(upwardImports(new Map(Object.entries(edges)))).toEqual(expected);
  });

  it.each([
    ['a loop of two', { 'a.ts': ['b.ts'], 'b.ts': ['a.ts'] }, [['a.ts', 'b.ts']]],
    [
      'a loop of three',
      { 'a.ts': ['b.ts'], 'b.ts': ['c.ts'], 'c.ts': ['a.ts'] },
      [['a.ts', 'b.ts', 'c.ts']],
    ],
    ['a file importing itself', { 'a.ts': ['a.ts'] }, [['a.ts']]],
    ['no loop', { 'a.ts': ['b.ts'], 'b.ts': [] }, []],
  ])('finds %s', (_, edges, expected) => {
    expect(cycles(new Map(Object.entries(edges)))).toEqual(expected);
  });
});
