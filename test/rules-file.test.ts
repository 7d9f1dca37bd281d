/**
 * The rules file as it comes from disk, through `main()` with the reader the bin uses: what is
 * not a regular file, what cannot be read, what editors write, and keys written twice.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRegularFile } from '../src/base/read-regular-file.js';
import { mainWith } from './helpers/run-harness.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cci-conditional-rules-file-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function cli(argv: string[], readFile = readRegularFile) {
  return mainWith(argv, {}, { readFile });
}

const VALID = JSON.stringify({ rules: [{ branches: ['main'], job: 'deploy' }] });

describe('a rules file that is not a readable regular file', () => {
  it.each(['validate', 'check --branch main'])(
    '%s exits 2 on a FIFO at once, without blocking',
    async (command) => {
      const fifo = join(dir, `fifo-${command.length}`);
      execFileSync('mkfifo', [fifo]);
      const run = await cli([...command.split(' '), '--rules', fifo]);
      expect(run).toEqual({
        code: 2,
        stdout: '',
        stderr: `error: cannot read rules file ${fifo}: it is a FIFO, not a regular file (set --rules)\n`,
      });
    },
  );

  it('exits 2 on a directory with a sentence, not EISDIR', async () => {
    const folder = join(dir, 'rules.d');
    await mkdir(folder);
    expect((await cli(['validate', '--rules', folder])).stderr).toBe(
      `error: cannot read rules file ${folder}: it is a directory, not a regular file (set --rules)\n`,
    );
  });

  it('exits 2 on a device', async () => {
    expect(await cli(['validate', '--rules', '/dev/zero'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: cannot read rules file /dev/zero: it is a device, not a regular file (set --rules)\n',
    });
  });

  it('exits 2 on a missing file, and on a path through a file', async () => {
    const missing = join(dir, 'missing.json');
    expect((await cli(['validate', '--rules', missing])).stderr).toBe(
      `error: cannot read rules file ${missing}: no such file (set --rules)\n`,
    );
    const file = join(dir, 'plain.json');
    await writeFile(file, VALID);
    expect((await cli(['validate', '--rules', `${file}/x.json`])).stderr).toBe(
      `error: cannot read rules file ${file}/x.json: a part of the path is not a directory (set --rules)\n`,
    );
  });

  it('exits 2 on a file it may not read', async () => {
    const denied = Object.assign(new Error("EACCES: permission denied, open 'r.json'"), {
      code: 'EACCES',
    });
    const run = await cli(['validate', '--rules', 'r.json'], () => Promise.reject(denied));
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: 'error: cannot read rules file r.json: permission denied (set --rules)\n',
    });
  });
});

describe('a rules file that is not UTF-8', () => {
  it.each([
    ['a byte that starts no character', [0xff], 0],
    ['a continuation byte alone', [0x80], 0],
    ['a character cut short', [0xc3, 0x22], 0],
    ['an overlong encoding', [0xc0, 0xaf], 0],
    ['an encoded surrogate', [0xed, 0xa0, 0x80], 0],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 0],
    ['Latin-1 after valid UTF-8', [0xc3, 0xa9, 0xe9], 2],
  ])('is exit 2 naming the byte offset: %s', async (_, bytes, at) => {
    const file = join(dir, `latin1-${bytes.join('-')}.json`);
    const head = Buffer.from('{"rules": [{"branches": ["ma');
    const tail = Buffer.from('in"], "job": "deploy"}]}');
    await writeFile(file, Buffer.concat([head, Buffer.from(bytes), tail]));
    const offset = head.length + at;
    const byte = (bytes[at] ?? 0).toString(16).padStart(2, '0');
    for (const command of ['validate', 'check --branch main', 'run']) {
      const run = await cli([...command.split(' '), '--rules', file]);
      expect(run).toEqual({
        code: 2,
        stdout: '',
        stderr: `error: cannot read rules file ${file}: it is not UTF-8 text (byte 0x${byte} at offset ${offset}) (set --rules)\n`,
      });
    }
  });

  it('reads every character of UTF-8 as it is', async () => {
    const file = join(dir, 'unicode.json');
    const name = 'r\u00e9lease/\u65e5\u672c/\u{1f680}';
    await writeFile(file, JSON.stringify({ rules: [{ branches: [name], job: 'deploy' }] }));
    expect((await cli(['check', '--rules', file, '--branch', name])).code).toBe(0);
  });
});

describe('--config that is not a regular file', () => {
  it('is exit 2 with a sentence, not EFTYPE', async () => {
    const file = join(dir, 'config-rules.json');
    await writeFile(file, VALID);
    expect(await cli(['validate', '--rules', file, '--config', '/dev/zero'])).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'error: cannot read CircleCI config /dev/zero: it is a device, not a regular file (set --config to the path of the CircleCI config)\n',
    });
  });
});

describe('what editors write', () => {
  it('accepts a UTF-8 byte-order mark', async () => {
    const file = join(dir, 'bom.json');
    await writeFile(file, `\uFEFF${VALID}`);
    // A checkout without .circleci/config.yml: the rules alone are validated.
    const noConfig = (path: string) =>
      path === '.circleci/config.yml'
        ? Promise.reject(Object.assign(new Error(path), { code: 'ENOENT' }))
        : readRegularFile(path);
    expect(await cli(['validate', '--rules', file], noConfig)).toEqual({
      code: 0,
      stdout: `${file} is valid: 1 rule(s), api v2, match first\n`,
      stderr: '',
    });
  });
});

describe('keys written twice', () => {
  const twice =
    '{"rules": [{"branches": ["main"], "job": "a", "job": "b", "parameters": {"X": 1, "X": 2}}], "match": "all", "match": "first"}';

  it('are each reported by validate, exit 2', async () => {
    const run = await cli(['validate', '--rules', 'twice.json'], async () => twice);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')).toEqual([
      'error: rules[0].job: appears twice (the last one counts)',
      'error: rules[0].parameters.X: appears twice (the last one counts)',
      'error: match: appears twice (the last one counts)',
      'error: invalid rules file twice.json: 3 problems',
      '',
    ]);
  });

  it('come first beside the other problems of the file', async () => {
    const text = '{"rules": [{"branches": [], "job": "a", "job": "b"}]}';
    const run = await cli(['validate', '--json', '--rules', 'r.json'], async () => text);
    expect(JSON.parse(run.stdout).problems).toEqual([
      'rules[0].job: appears twice (the last one counts)',
      'rules[0].branches: must not be empty',
    ]);
  });

  it('are found in a file nested 5,000 deep, which stays exit 2', async () => {
    const deep = `{"rules": [${'['.repeat(5000)}${']'.repeat(5000)}], "rules": []}`;
    const run = await cli(['validate', '--rules', 'deep.json'], async () => deep);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('error: rules: appears twice (the last one counts)\n');
    expect(run.stderr).not.toContain('    at ');
  });
});

describe('a problem repeated many times', () => {
  it('is listed once with its count when the same key is written 91,000 times', async () => {
    const text = `{"rules": [{"branches": ["main"], "job": "a"}]${', "match": "all"'.repeat(91_000)}}`;
    const run = await cli(['validate', '--json', '--rules', 'r.json'], async () => text);
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stdout)).toEqual({
      valid: false,
      reason: 'invalid rules file r.json: 90,999 problems',
      problems: ['match: appears twice (the last one counts) (90,999 times)'],
    });
    expect(run.stderr.split('\n')).toEqual([
      'error: match: appears twice (the last one counts) (90,999 times)',
      'error: invalid rules file r.json: 90,999 problems',
      '',
    ]);
  });

  it('is listed at most 20 times, then counted, when it stands at many places', async () => {
    const rules = Array.from({ length: 500 }, () => ({ branches: ['main'], job: 'a', jobs: 1 }));
    const run = await cli(['validate', '--json', '--rules', 'r.json'], async () =>
      JSON.stringify({ rules: [...rules, { branches: [], job: 'b' }] }),
    );
    expect(run.code).toBe(2);
    const { problems, reason } = JSON.parse(run.stdout);
    expect(reason).toBe('invalid rules file r.json: 501 problems');
    expect(problems).toEqual([
      ...Array.from({ length: 20 }, (_, i) => `rules[${i}].jobs: unknown key; did you mean "job"?`),
      '... and 480 more: unknown key; did you mean "job"?',
      'rules[500].branches: must not be empty',
    ]);
    expect(run.stderr.split('\n')).toHaveLength(problems.length + 2);
  });
});
