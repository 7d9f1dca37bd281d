/**
 * The libraries the package bundles are the majors the code is written for, and each runs on
 * every Node the package's engines allow. A new major (got 15 and 16 need Node 22) fails here,
 * with what to look at, before the build or tsc says something less clear: esbuild bundles a new
 * major without a word, and the package would then fail at run time on Node 20.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/run-bin.js';

/** The major each library's API was written and measured against, and where it is used. */
const MAJORS: Record<string, [number, string]> = {
  got: [14, 'src/circleci/send-once.ts; the ListFormat patch in scripts/bundle-plugins.js'],
  yargs: [18, 'src/cli/parse-args.ts; the stand-ins of scripts/stand-ins.js'],
  minimatch: [10, 'src/core/match-patterns.ts'],
  pino: [10, 'src/cli/logger.ts: text lines must stay what pino writes'],
  zod: [4, 'src/core/rules-schema.ts (zod/mini) and the generated src/core/rules-shape.js'],
  yaml: [2, 'src/config-check/parse-yaml.ts'],
  'jsonc-parser': [3, 'src/core/parse-rules.ts, src/core/duplicate-keys.ts'],
};

type Manifest = { version: string; engines?: { node?: string } };
const read = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8'));
const pkg = read('package.json') as {
  engines: { node: string };
  devDependencies: Record<string, string>;
};
const oldestNode = semver.minVersion(pkg.engines.node)?.version ?? '';

/** The packages that src/ imports (statically, or with import() as got is). */
function importedPackages(): string[] {
  const names = new Set<string>();
  for (const file of readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || file.endsWith('.d.ts')) continue;
    const text = readFileSync(join(ROOT, 'src', file), 'utf8');
    for (const [, specifier = ''] of text.matchAll(/(?:from |import\()'([^']+)'/g)) {
      if (specifier.startsWith('.') || specifier.startsWith('node:')) continue;
      names.add(/^(?:@[^/]+\/)?[^/]+/.exec(specifier)?.[0] ?? specifier);
    }
  }
  return [...names].sort();
}

/** Each copy of the packages that dist/THIRD-PARTY-NOTICES.md lists, nested ones included. */
function bundledManifests(): Array<[string, Manifest]> {
  const notices = readFileSync(join(ROOT, 'dist', 'THIRD-PARTY-NOTICES.md'), 'utf8');
  const rows = notices.matchAll(/^\| (\S+) \| (\d\S*) \| .* \|$/gm);
  return [...rows].map(([, name = '', version = '']) => {
    const found = [
      `node_modules/${name}`,
      ...readdirSync(join(ROOT, 'node_modules'), { recursive: false, encoding: 'utf8' }).map(
        (dir) => `node_modules/${dir}/node_modules/${name}`,
      ),
    ]
      .filter((dir) => existsSync(join(ROOT, dir, 'package.json')))
      .map((dir) => read(`${dir}/package.json`) as Manifest)
      .find((manifest) => manifest.version === version);
    if (found === undefined) throw new Error(`${name} ${version} is not in node_modules`);
    return [`${name} ${version}`, found];
  });
}

describe('the bundled libraries', () => {
  it('are each listed with the major the code is written for', () => {
    expect(importedPackages()).toEqual(Object.keys(MAJORS).sort());
  });

  it.each(Object.entries(MAJORS))(
    '%s is the major the code is written for',
    (name, [major, where]) => {
      const installed = read(`node_modules/${name}/package.json`) as Manifest;
      expect(pkg.devDependencies[name], `package.json asks for another major of ${name}`).toMatch(
        new RegExp(`^\\^${major}\\.`),
      );
      expect(semver.major(installed.version), `${name} ${installed.version}: check ${where}`).toBe(
        major,
      );
    },
  );

  it(`run on Node ${oldestNode}, the oldest that engines allows, with what they bring along`, () => {
    const manifests = bundledManifests();
    expect(manifests.map(([name]) => name.split(' ')[0])).toEqual(
      expect.arrayContaining(Object.keys(MAJORS)),
    );
    const tooNew = manifests
      .filter(([, { engines }]) => engines?.node && !semver.satisfies(oldestNode, engines.node))
      .map(([name, { engines }]) => `${name} needs Node ${engines?.node}`);
    expect(tooNew).toEqual([]);
  });

  it('knows the oldest Node that engines allows', () => {
    expect(oldestNode).toBe('20.19.0');
  });
});
