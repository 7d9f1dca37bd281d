/**
 * Every speed trick is seen by a test: the package is built without each one in turn (a step of
 * the build left out, a shortcut of the source bypassed, a trick of the bin undone:
 * test/helpers/build-variants.ts), and the load map of that build must break the expectations
 * named here (test/helpers/load-map-expectations.ts), which the real build keeps
 * (test/load-map.e2e.test.ts). ARCHITECTURE.md has the same table with the reasons.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRICKS, type Trick } from '../scripts/build-package.js';
import { type FakeCircleCI, startFakeCircleCI } from './fake-circleci/server.js';
import {
  BIN_TRICKS,
  type BinTrick,
  buildVariant,
  SHORTCUTS,
  type Shortcut,
  type Variant,
} from './helpers/build-variants.js';
import { inPool, type LoadMap, loadMaps } from './helpers/load-map.js';
import {
  EXPECTATIONS,
  type Expectation,
  type ExpectationName,
} from './helpers/load-map-expectations.js';
import type { PathName } from './helpers/load-map-paths.js';

/**
 * For each trick, the expectations that fail without it, each on the path that shows it (the real
 * build is held to them on every path they name).
 */
const CAUGHT_BY: Record<Trick | Shortcut | BinTrick, Array<[ExpectationName, PathName]>> = {
  'merge-start-chunks': [['a skip reads the bin and cli.js alone, both through require()', 'skip']],
  'merge-lazy-chunks': [
    [
      'a dry run with a small config checks it on the main thread, yaml from its own file',
      'dry run with a config',
    ],
    [
      'a dry run of a rule with paths reads the paths file alone, and runs git',
      'dry run of a rule with paths',
    ],
  ],
  'require-chunks': [
    ["a trigger requires the sending's file and got's, and carries no other library", 'trigger'],
  ],
  'builtin-stand-ins': [["a skip loads no built-in module beyond Node's own start", 'skip']],
  'list-formats-on-first-use': [
    ["a trigger builds no Intl.ListFormat (got's type checks made two on load)", 'trigger'],
  ],
  'defer-until-used': [['check, validate and --help build one Intl.Segmenter at most', 'check']],
  'libraries-in-own-files': [
    ['a skip carries no library: no yargs, zod, pino, minimatch, got', 'skip'],
    [
      'a dry run of a glob loads minimatch from its own file, and no other library',
      'dry run of a glob',
    ],
  ],
  'startup-stand-ins': [
    ['--json logs load pino from its own file, without worker_threads', 'json logs'],
    ['check, validate and --help load no node:assert and read nothing above the run', 'help'],
  ],
  'fast argument path': [
    ['a skip reads the bin and cli.js alone, both through require()', 'skip'],
    ['a skip carries no library: no yargs, zod, pino, minimatch, got', 'skip'],
  ],
  'text lines without pino': [
    ['text logs never load pino', 'dry run'],
    ['a skip carries no library: no yargs, zod, pino, minimatch, got', 'skip'],
  ],
  'generated rules check': [
    ['a run with a good rules file never loads zod', 'dry run'],
    ['a skip carries no library: no yargs, zod, pino, minimatch, got', 'skip'],
  ],
  'worker only for large configs': [
    [
      'a dry run with a small config checks it on the main thread, yaml from its own file',
      'dry run with a config',
    ],
  ],
  'git only for rules with paths': [
    ['a dry run reads cli.js alone and loads no built-in module', 'dry run'],
    ['only a rule with paths that matched loads child_process', 'dry run'],
  ],
  'commonjs bin': [['a skip reads the bin and cli.js alone, both through require()', 'skip']],
  'writes to the file descriptors': [
    ["a skip loads no built-in module beyond Node's own start", 'skip'],
  ],
  'exit when done': [
    [
      'every path ends the process once its lines are out, without waiting for the event loop',
      'skip',
    ],
  ],
};

const variantOf = (name: string): Variant => {
  if (name in TRICKS) return { kind: 'build', trick: name as Trick };
  if (name in SHORTCUTS) return { kind: 'source', shortcut: name as Shortcut };
  return { kind: 'bin', trick: name as BinTrick };
};

let scratch: string;
let fake: FakeCircleCI;
/** For each trick, for each expectation named: undefined when it fails without the trick. */
const found = new Map<string, Array<string | undefined>>();
/** What a build with every trick, built and laid out as the others are, breaks (nothing). */
let yardstick: string[] = [];

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'cci-conditional-variants-'));
  fake = await startFakeCircleCI({ pipelineSetupReads: 0, workflowDelayReads: 0 });
  // Three at a time: esbuild builds on threads of its own, and one's runs overlap another's build.
  await inPool(['every trick', ...Object.keys(CAUGHT_BY)], 3, async (name) => {
    const dir = join(scratch, name.replace(/\W+/g, '-'));
    if (name === 'every trick') {
      await buildVariant({ kind: 'every trick' }, dir);
      yardstick = await problemsOf(dir, Object.entries(EXPECTATIONS));
      return;
    }
    const caught = CAUGHT_BY[name as keyof typeof CAUGHT_BY];
    await buildVariant(variantOf(name), dir);
    const maps = await loadMaps(dir, fake.url, [...new Set(caught.map(([, path]) => path))]);
    found.set(
      name,
      caught.map(([expectation, path]) => {
        const problem = EXPECTATIONS[expectation].problem(maps.get(path) as LoadMap);
        return problem === undefined ? `${expectation} (${path}) still holds` : undefined;
      }),
    );
  });
}, 120_000);
afterAll(async () => {
  await fake?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

/** The problems of `expectations` on every path each names, in the package built into `dir`. */
async function problemsOf(dir: string, expectations: Array<[string, Expectation]>) {
  const paths = [...new Set(expectations.flatMap(([, { paths }]) => paths))];
  const maps = await loadMaps(dir, fake.url, paths);
  return expectations.flatMap(([name, { paths, problem }]) =>
    paths.flatMap((path) => {
      const found = problem(maps.get(path) as LoadMap);
      return found === undefined ? [] : [`${name} (${path}): ${found}`];
    }),
  );
}

describe('each speed trick, switched off, fails the load map', () => {
  it('keeps every expectation in a build with every trick, built as the others are', () => {
    expect(yardstick).toEqual([]);
  });

  it('names every trick of the build, the source and the bin', () => {
    expect(Object.keys(CAUGHT_BY).sort()).toEqual(
      [...Object.keys(TRICKS), ...Object.keys(SHORTCUTS), ...Object.keys(BIN_TRICKS)].sort(),
    );
  });

  it('holds each expectation to a path it is checked on', () => {
    const elsewhere = Object.values(CAUGHT_BY)
      .flat()
      .filter(([expectation, path]) => !EXPECTATIONS[expectation].paths.includes(path));
    expect(elsewhere).toEqual([]);
  });

  it.each(Object.keys(CAUGHT_BY))('without %s', (name) => {
    expect(found.get(name)?.filter((held) => held !== undefined)).toEqual([]);
  });
});
