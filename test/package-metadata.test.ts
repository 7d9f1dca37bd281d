/**
 * Where the project lives, said the same way everywhere (package.json's repository, homepage and
 * bugs; the orb's source_url), and the CHANGELOG in Keep a Changelog's form with the versioning
 * policy that says what semver covers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { VERSION } from '../src/cli/version.js';
import { ROOT } from './helpers/run-bin.js';

const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  version: string;
  repository: { type: string; url: string };
  homepage: string;
  bugs: { url: string };
};
/** https://github.com/owner/name, from the repository URL npm keeps. */
const home = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
const changelog = read('CHANGELOG.md');

describe('package.json', () => {
  it('names the GitHub repository of the orb namespace cci-conditional/cci-conditional', () => {
    expect(pkg.repository).toEqual({
      type: 'git',
      url: 'git+https://github.com/cci-conditional/cci-conditional.git',
    });
    expect(home).toBe('https://github.com/cci-conditional/cci-conditional');
  });

  it('points homepage and bugs into that repository', () => {
    expect(pkg.homepage).toBe(`${home}#readme`);
    expect(pkg.bugs.url).toBe(`${home}/issues`);
  });

  it('has the version that the CLI prints and sends as its User-Agent', () => {
    expect(VERSION).toBe(pkg.version);
  });

  it("is the orb's source_url", () => {
    const orb = parse(read('orb/@orb.yml')) as { display: { source_url: string } };
    expect(orb.display.source_url).toBe(home);
  });
});

describe('CHANGELOG.md', () => {
  const headings = [...changelog.matchAll(/^## (.*)$/gm)].map((m) => m[1] ?? '');

  it('has the versioning policy first, then versions newest first in Keep a Changelog form', () => {
    expect(changelog.split('\n')[0]).toBe('# Changelog');
    expect(changelog).toContain('[Keep a Changelog](https://keepachangelog.com/en/1.1.0/)');
    expect(headings[0]).toBe('Versioning policy');
    const versions = headings.slice(1);
    expect(versions.length).toBeGreaterThan(0);
    for (const version of versions)
      expect(version).toMatch(/^\[(Unreleased|\d+\.\d+\.\d+)\]( - \d{4}-\d{2}-\d{2})?$/);
    const numbers = versions.flatMap((v) => /^\[(\d+)\.(\d+)\.(\d+)\]/.exec(v)?.slice(1) ?? []);
    const released = versions.filter((v) => !v.startsWith('[Unreleased]'));
    expect(numbers.length).toBe(released.length * 3);
  });

  it('has a link for every version heading', () => {
    for (const heading of headings.slice(1)) {
      const name = /^\[([^\]]+)\]/.exec(heading)?.[1];
      expect(changelog).toMatch(new RegExp(`^\\[${name}\\]: ${home}/`, 'm'));
    }
  });

  it("names package.json's version as released, or as what Unreleased becomes", () => {
    const released = headings.some((heading) => heading.startsWith(`[${pkg.version}]`));
    const next = changelog.includes(`the first release is ${pkg.version}`);
    expect(released || next).toBe(true);
  });

  it.each([
    ['option names', /option's name/],
    ['environment variables', /`CCI_CONDITIONAL_<NAME>` variable/],
    ['exit codes', /\*\*Exit codes\*\*/],
    ['the rules schema', /\*\*The rules schema\*\*/],
    ['the --json shapes', /\*\*The `--json` shapes\*\*/],
    ['the $BASH_ENV names', /\*\*The `\$BASH_ENV` names/],
  ])('says semver covers %s', (_, words) => {
    const policy = changelog.slice(0, changelog.indexOf('## [Unreleased]'));
    expect(policy).toMatch(words);
  });

  it('is linked from the README', () => {
    expect(read('README.md')).toContain(
      '[CHANGELOG.md](https://github.com/cci-conditional/cci-conditional/blob/main/CHANGELOG.md)',
    );
  });
});
