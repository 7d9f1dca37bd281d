/**
 * The fast reading of run's command line stands in front of yargs: wherever it answers, its
 * answer must be yargs' own. A differential test over generated command lines and
 * CCI_CONDITIONAL_* variables, through the same pre-pass (readInvocation) that main uses.
 */
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/parse-args.js';
import { readCommonLine } from '../../src/cli/read-common-line.js';
import { readInvocation } from '../../src/cli/read-invocation.js';
import { iterations, seededWholes, shown } from '../helpers/generative.js';

const WORDS = [
  ...['run', 'run', 'check', 'validate', 'doctor', 'foo', '--', '-h', '--help', '--version'],
  ...['help', 'version', '-v'],
  ...['--rules', 'x.json', '--rules=y.json', '--rules=', '--rules=-z', '-5', '--no-rules'],
  ...['--dry-run', '--no-dry-run', '--dry-run=yes', '--dry-run=0', 'true'],
  ...['--wait', '--wait=off', 'false', 'yes', 'on', '--once', '--no-loop-guard', '--json'],
  ...['--host', 'http://127.0.0.1:9', '--host=https://circleci.com', '--node=1', '--node', '2'],
  ...['--timeout', '5', '--retries=0', '--wait-timeout', '60', '--token-env', 'MY_TOKEN'],
  ...['--log-level', 'debug', '--log-format=json', '--config', 'c.yml', '--config=a=b.yml'],
  ...['--fail-on-no-match', '--wait-for-nodes', '--no-config-check', '--config-check=1'],
  ...['--allow-superseded', '--no-allow-superseded', '--allow-superseded=on', '--allowSuperseded'],
  ...['--dryRun', '--dry-Run', '--unknown', '-x', '--branch', 'main', '--tag=v1', '--project'],
  ...['--rules.x=1', '---rules', '--=1', '--json=', '--wait run', ' ', 'a b'],
  ...['--repo-dir', 'checkout', '--repo-dir=', '--paths-base', 'a'.repeat(40), '--paths-base=x'],
  ...['--no-repo-dir', '--changed', 'a/b.ts', '--changed-from=c.txt', '--repoDir'],
];

const COMMON = [
  ...['run', '--rules', 'x.json', '--rules=y.json', '--dry-run', '--no-dry-run', '--dry-run=yes'],
  ...['--wait', 'false', 'on', '--once', '--no-loop-guard', '--host', 'http://127.0.0.1:9'],
  ...['--node=1', '--timeout', '5', '--retries=0', '--token-env', 'MY_TOKEN', '--log-level'],
  ...['warn', '--config', 'c.yml', '--json', '--fail-on-no-match', '--wait-timeout=60'],
  ...['--allow-superseded', '--no-allow-superseded', '--repo-dir', 'checkout'],
  ...['--paths-base', 'a'.repeat(40), '--repo-dir=../x'],
];

const VARIABLES: Array<[string, string[]]> = [
  ['CCI_CONDITIONAL_RULES', ['env.json', '-dash.json']],
  ['CCI_CONDITIONAL_DRY_RUN', ['yes', 'OFF']],
  ['CCI_CONDITIONAL_WAIT', ['1', 'false']],
  ['CCI_CONDITIONAL_HOST', ['http://localhost:1']],
  ['CCI_CONDITIONAL_TIMEOUT', ['7']],
  ['CCI_CONDITIONAL_JSON', ['true', 'no']],
  ['CCI_CONDITIONAL_ALLOW_SUPERSEDED', ['1', 'Off', 'maybe']],
  ['CCI_CONDITIONAL_BRANCH', ['main']],
  ['CCI_CONDITIONAL_PROJECT', ['gh/a/b']],
  ['CCI_CONDITIONAL_REPO_DIR', ['checkout', '-x']],
  ['CCI_CONDITIONAL_PATHS_BASE', ['b'.repeat(40)]],
  ['CCI_CONDITIONAL_CHANGED', ['a/b.ts']],
];

function* invocations(count: number) {
  const next = seededWholes(20261129);
  for (let n = 0; n < count; n++) {
    // Half the lines from the common words only, so that both readers answer often.
    const words = next(2) === 0 ? COMMON : WORDS;
    const argv = Array.from({ length: next(8) }, () => words[next(words.length)] ?? '');
    const env: Record<string, string> = {};
    for (const [name, values] of VARIABLES) {
      if (next(5) === 0) env[name] = values[next(values.length)] ?? '';
    }
    yield { argv, env };
  }
}

describe('readCommonLine agrees with yargs', () => {
  const count = iterations(6000);
  it(`wherever it answers, for ${shown(count)} generated command lines and environments`, () => {
    let answered = 0;
    let left = 0;
    let refused = 0;
    for (const { argv, env } of invocations(count)) {
      const invocation = readInvocation(argv, env);
      let words: string[];
      try {
        words = invocation.words();
      } catch {
        refused++;
        continue; // refused before yargs: neither reader sees it
      }
      const fast = readCommonLine(invocation.command, words);
      if (fast === undefined) {
        left++;
        continue;
      }
      let yargs: unknown;
      try {
        yargs = parseArgs(words, '1.0.0');
      } catch (error) {
        yargs = { error: (error as Error).message };
      }
      expect({ argv, env, parsed: fast }).toEqual({ argv, env, parsed: yargs });
      answered++;
    }
    expect(refused).toBeLessThan(count / 2);
    // Both kinds are common (a tenth each at least): the comparison means something, and yargs
    // still gets the rest.
    expect(answered).toBeGreaterThan(count / 10);
    expect(left).toBeGreaterThan(count / 10);
  });

  it('answers the lines a CircleCI step usually has', () => {
    for (const argv of [
      [],
      ['run'],
      ['--rules', 'r.json'],
      ['--rules=r.json', '--dry-run'],
      ['run', '--wait', '--once', '--no-loop-guard', '--timeout', '10'],
      ['--once', '--allow-superseded'],
      ['--dry-run', 'yes', '--node', '1'],
    ]) {
      const invocation = readInvocation(argv, {});
      const words = invocation.words();
      expect(readCommonLine(invocation.command, words)).toEqual(parseArgs(words, '1.0.0'));
    }
  });

  it('leaves help, version, other commands and mistakes to yargs', () => {
    for (const argv of [
      ['--help'],
      ['-h'],
      ['--version'],
      ['help'],
      ['help', 'run'],
      ['version'],
      ['-v'],
      ['check', '--branch', 'main'],
      ['validate'],
      ['--dryrun'],
      ['--rules'],
      ['run', 'run'],
      ['deploy'],
    ]) {
      const invocation = readInvocation(argv, {});
      expect(readCommonLine(invocation.command, invocation.words())).toBeUndefined();
    }
  });
});
