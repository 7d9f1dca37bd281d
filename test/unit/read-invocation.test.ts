/**
 * What is read before yargs (the command, --json, where a value came from, the token
 * candidates) must agree with what yargs then parses: a differential test over generated
 * command lines, and a table of the secrets.
 */
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/parse-args.js';
import { readInvocation } from '../../src/cli/read-invocation.js';
import { iterations, shown } from '../helpers/generative.js';

const WORDS = [
  ...['--json', '--no-json', '--json=1', '--json=off', 'false', 'yes', '0', 'on'],
  ...['run', 'check', 'validate', '--', '--rules', 'x.json', '--rules=y.json'],
  ...['--dry-run', '--dry-run=no', '--log-level', 'debug', '--branch', 'main', '-h'],
];

/** A small seeded generator, so that a failure can be replayed. */
function* commandLines(count: number): Generator<string[]> {
  let seed = 20261129;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed;
  };
  for (let n = 0; n < count; n++) {
    yield Array.from({ length: next() % 7 }, () => WORDS[next() % WORDS.length] ?? '');
  }
}

describe('readInvocation agrees with yargs', () => {
  const count = iterations(600);
  it(`on the command, --json (or CCI_CONDITIONAL_JSON) and the origin of --rules, for ${shown(count)} generated command lines`, () => {
    let compared = 0;
    for (const argv of commandLines(count)) {
      const json = ['', 'yes', 'OFF'][compared % 3] ?? '';
      const env = { CCI_CONDITIONAL_RULES: 'env.json', CCI_CONDITIONAL_JSON: json };
      const invocation = readInvocation(argv, env);
      let parsed: ReturnType<typeof parseArgs>;
      try {
        parsed = parseArgs(invocation.words(), '1.0.0');
      } catch {
        continue; // a usage error: yargs answers, nothing to compare
      }
      if (parsed.args === undefined) continue; // --help
      const args = parsed.args;
      const seen = {
        command: String((args._ as unknown[])[0] ?? 'run'),
        json: args.json === true,
        rules: args.rules === 'env.json' ? 'CCI_CONDITIONAL_RULES' : '--rules',
      };
      const read = {
        command: invocation.command,
        json: invocation.json,
        rules: invocation.originOf('rules'),
      };
      expect({ argv, ...read }).toEqual({ argv, ...seen });
      compared++;
    }
    expect(compared).toBeGreaterThan(count / 10);
  });
});

describe('readInvocation secrets', () => {
  const TOKEN = 'CCIPAT_abcdef_0123456789';

  it.each<[string, string[], Record<string, string>, string[]]>([
    [
      'the token variables',
      [],
      { CIRCLE_API_TOKEN: TOKEN, CIRCLE_TOKEN: 'other-token' },
      [TOKEN, 'other-token'],
    ],
    ['the --token-env variable', ['--token-env', 'D'], { D: ` ${TOKEN}` }, [` ${TOKEN}`, TOKEN]],
    ['the --token-env=VALUE variable', ['--token-env=D'], { D: TOKEN }, [TOKEN]],
    [
      'the CCI_CONDITIONAL_TOKEN_ENV variable',
      [],
      { CCI_CONDITIONAL_TOKEN_ENV: 'D', D: TOKEN },
      [TOKEN],
    ],
    ['a --token-env value held by another variable', ['--token-env', TOKEN], { D: TOKEN }, [TOKEN]],
    ['a --token-env value that is no name', ['--token-env', '0123-4567-89'], {}, ['0123-4567-89']],
  ])('hold %s', (_, argv, env, secrets) => {
    const found = readInvocation(argv, env).secrets;
    for (const secret of secrets) expect(found).toContain(secret);
  });
});
