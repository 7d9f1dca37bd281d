/**
 * The orb passes CircleCI's orb review (the checks `orb-tools/review` runs, RC001 to RC011 of
 * CircleCI-Public/orb-tools-orb, src/scripts/review.bats): a source_url, descriptions on every
 * component, usage examples with names that describe them, a detailed description, named run
 * steps, no run command longer than 64 characters that is not an <<include(...)>> of a script,
 * snake_case component files and parameters, and examples on the current major version.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ORB, orbYaml, readOrb } from './helpers/orb.js';
import { ROOT } from './helpers/run-bin.js';

const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
};
/** orb-tools' default ORB_VAL_MAX_COMMAND_LENGTH. */
const MAX_COMMAND_LENGTH = 64;
const KINDS = ['commands', 'jobs', 'executors', 'examples'] as const;

const filesOf = (kind: string) =>
  existsSync(join(ORB, kind))
    ? readdirSync(join(ORB, kind))
        .filter((file) => file.endsWith('.yml'))
        .map((file) => `${kind}/${file}`)
    : [];
const components = KINDS.flatMap(filesOf);

/** Every `run` step in a component, at any depth (`when` steps included). */
function runSteps(value: unknown): unknown[] {
  if (Array.isArray(value)) return value.flatMap(runSteps);
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === 'run' ? [inner] : runSteps(inner),
  );
}

describe('the orb under CircleCI review', () => {
  const orb = parse(readOrb('@orb.yml')) as {
    description: string;
    display?: { source_url?: string; home_url?: string };
  };

  it('RC001, RC006: names its source_url, an https address', () => {
    expect(orb.display?.source_url).toMatch(/^https:\/\/github\.com\/[\w-]+\/[\w-]+$/);
  });

  it('RC002: describes every command, job, executor and example', () => {
    expect(components.length).toBeGreaterThanOrEqual(6);
    for (const file of components) expect(orbYaml(file).description, file).toBeTruthy();
  });

  it('RC003, RC004: has usage examples, their names describing them', () => {
    const examples = filesOf('examples');
    expect(examples.length).toBeGreaterThan(0);
    for (const file of examples) expect(file.split('/')[1]).not.toMatch(/example/);
  });

  it('RC005: describes itself in 64 characters or more', () => {
    expect(orb.description.length).toBeGreaterThanOrEqual(64);
  });

  it.each(filesOf('commands').concat(filesOf('jobs')))(
    'RC008, RC009: %s names its run steps and includes long commands from a script',
    (file) => {
      for (const step of runSteps(orbYaml(file).steps)) {
        expect(typeof step, `${file}: a run step as a map`).toBe('object');
        const { name, command } = step as { name?: string; command?: string };
        expect(name, file).toBeTruthy();
        if ((command ?? '').length > MAX_COMMAND_LENGTH)
          expect(command, file).toMatch(/^<<include\(/);
        const included = /^<<include\(([^)]+)\)>>$/.exec(command ?? '')?.[1];
        if (included) expect(existsSync(join(ORB, included)), included).toBe(true);
      }
    },
  );

  it('RC010: snake_cases the files and parameters of commands, jobs and executors', () => {
    for (const file of ['commands', 'jobs', 'executors'].flatMap(filesOf)) {
      expect(file.split('/')[1], file).not.toContain('-');
      for (const parameter of Object.keys(orbYaml(file).parameters ?? {}))
        expect(parameter, file).not.toContain('-');
    }
  });

  it('RC011: shows the current major version in every example', () => {
    const major = version.split('.')[0];
    for (const file of filesOf('examples')) {
      const { usage } = orbYaml<{ usage: { orbs: Record<string, string> } }>(file);
      expect(usage.orbs['cci-conditional'], file).toBe(`cci-conditional/cci-conditional@${major}`);
    }
  });

  it('has no script that CircleCI would read parameters into (no << in orb/scripts)', () => {
    for (const file of readdirSync(join(ORB, 'scripts')))
      expect(readOrb(`scripts/${file}`), file).not.toContain('<<');
  });
});
