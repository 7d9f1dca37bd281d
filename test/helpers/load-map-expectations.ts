/**
 * What each path of a run must and must not load (ARCHITECTURE.md, "The load map"). Each
 * speed trick of the build and each shortcut of the source is held by at least one of these:
 * test/speed-tricks.test.ts builds the package without each and names the ones that then fail.
 */
import type { LoadMap } from './load-map.js';
import type { PathName } from './load-map-paths.js';

export interface Expectation {
  /** the paths it is checked on */
  paths: PathName[];
  /** what is wrong with one path's map; undefined when it holds */
  problem: (map: LoadMap) => string | undefined;
}

const BIN = 'bin/cci-conditional.js';
const CLI = 'dist/cli.js';

/** The files read are exactly these (the bin's and cli.js added). */
const reads =
  (...files: string[]) =>
  (map: LoadMap) => {
    const expected = [BIN, CLI, ...files].sort();
    return map.files.join() === expected.join() ? undefined : `reads ${map.files.join(', ')}`;
  };
/** None of `names` in the map's `field`. */
const without =
  (field: 'libraries' | 'builtins', ...names: string[]) =>
  (map: LoadMap) => {
    const found = map[field].filter((name) => names.length === 0 || names.includes(name));
    return found.length === 0 ? undefined : `loads ${found.join(', ')}`;
  };
const all =
  (...checks: Array<(map: LoadMap) => string | undefined>) =>
  (map: LoadMap) =>
    checks.map((check) => check(map)).find((problem) => problem !== undefined);

const GOOD_RULES: PathName[] = [
  'skip',
  'skip, 10 rules with globs',
  'dry run',
  'dry run of a glob',
  'trigger',
  'json logs',
  'dry run with a config',
  'dry run of a rule with paths',
  'skip of a rule with paths',
];
const TEXT_LOGS = GOOD_RULES.filter((path) => path !== 'json logs');

const EXPECTED = {
  'a skip reads the bin and cli.js alone, both through require()': {
    paths: ['skip', 'skip, 10 rules with globs', 'skip of a rule with paths'],
    problem: reads(),
  },
  "a skip loads no built-in module beyond Node's own start": {
    paths: ['skip', 'skip, 10 rules with globs', 'skip of a rule with paths'],
    problem: without('builtins'),
  },
  'a skip carries no library: no yargs, zod, pino, minimatch, got': {
    paths: ['skip', 'skip, 10 rules with globs', 'skip of a rule with paths'],
    problem: without('libraries'),
  },
  'a dry run reads cli.js alone and loads no built-in module': {
    paths: ['dry run'],
    problem: all(reads(), without('builtins')),
  },
  'a dry run of a glob loads minimatch from its own file, and no other library': {
    paths: ['dry run of a glob'],
    problem: all(reads('dist/chunks/lib-minimatch.cjs'), (map) =>
      map.libraries.join() === 'minimatch' ? undefined : `carries ${map.libraries.join(', ')}`,
    ),
  },
  'a run with a good rules file never loads zod': {
    paths: GOOD_RULES,
    problem: without('libraries', 'zod'),
  },
  'text logs never load pino': {
    paths: TEXT_LOGS,
    problem: without('libraries', 'pino'),
  },
  '--json logs load pino from its own file, without worker_threads': {
    paths: ['json logs'],
    problem: all(reads('dist/chunks/lib-pino.cjs'), without('builtins', 'worker_threads')),
  },
  "a trigger requires the sending's file and got's, and carries no other library": {
    paths: ['trigger'],
    problem: all(
      reads('dist/chunks/chunk.js', 'dist/chunks/send.js', 'dist/chunks/source.js'),
      (map) => (map.libraries.join() === 'got' ? undefined : `carries ${map.libraries.join()}`),
    ),
  },
  "a trigger builds no Intl.ListFormat (got's type checks made two on load)": {
    paths: ['trigger'],
    problem: (map) => (map.listFormats === 0 ? undefined : `builds ${map.listFormats}`),
  },
  'a bad rules file loads zod to word its problems, and not yargs': {
    paths: ['bad rules file'],
    problem: (map) =>
      map.libraries.join() === 'zod' ? undefined : `carries ${map.libraries.join(', ')}`,
  },
  'a rules file that is no JSON loads jsonc-parser to place the error': {
    paths: ['rules file that is no JSON'],
    problem: (map) =>
      map.libraries.includes('jsonc-parser') ? undefined : `carries ${map.libraries.join(', ')}`,
  },
  'check, validate and --help build one Intl.Segmenter at most': {
    paths: ['check', 'validate', 'help'],
    problem: (map) => (map.segmenters <= 1 ? undefined : `builds ${map.segmenters}`),
  },
  'check, validate and --help load no node:assert and read nothing above the run': {
    paths: ['check', 'validate', 'help'],
    problem: all(without('builtins', 'assert'), (map) =>
      map.outside.length === 0 ? undefined : `reads ${map.outside.join(', ')}`,
    ),
  },
  'a dry run with a small config checks it on the main thread, yaml from its own file': {
    paths: ['dry run with a config'],
    problem: all(
      reads('dist/chunks/before-sending.js', 'dist/chunks/lib-yaml.cjs'),
      without('builtins', 'worker_threads'),
    ),
  },
  'a dry run with a large config checks it on a worker thread, none of it on the main one': {
    paths: ['dry run with a large config'],
    problem: all(reads(), (map) =>
      map.builtins.includes('worker_threads') ? undefined : 'loads no worker_threads',
    ),
  },
  'a dry run of a rule with paths reads the paths file alone, and runs git': {
    paths: ['dry run of a rule with paths'],
    problem: all(reads('dist/chunks/paths.js'), (map) =>
      map.builtins.includes('child_process') ? undefined : 'loads no child_process',
    ),
  },
  'only a rule with paths that matched loads child_process': {
    paths: GOOD_RULES.filter((path) => path !== 'dry run of a rule with paths'),
    problem: without('builtins', 'child_process'),
  },
  'every path ends the process once its lines are out, without waiting for the event loop': {
    paths: [...GOOD_RULES, 'bad rules file', 'check', 'validate', 'help'],
    problem: (map) => (map.exitedAtOnce ? undefined : 'waits for its event loop to empty'),
  },
} satisfies Record<string, Expectation>;

export type ExpectationName = keyof typeof EXPECTED;
export const EXPECTATIONS: Record<ExpectationName, Expectation> = EXPECTED;
