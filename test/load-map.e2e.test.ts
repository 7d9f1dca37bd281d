/**
 * What the built CLI loads on each path of a run (test/helpers/load-map.ts): the files of dist/,
 * the libraries they carry, Node's built-in modules, and what it builds or waits for. The
 * expectations are those of test/helpers/load-map-expectations.ts; .ci/run runs this file on
 * every Node line that engines allows (the stand-ins for built-in modules read their export names
 * from the Node that builds).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeCircleCI, startFakeCircleCI } from './fake-circleci/server.js';
import { LIBRARY_MARKERS, type LoadMap, loadMaps } from './helpers/load-map.js';
import { EXPECTATIONS } from './helpers/load-map-expectations.js';
import { PATHS, type PathName } from './helpers/load-map-paths.js';
import { ROOT } from './helpers/run-bin.js';

let fake: FakeCircleCI;
let maps: Map<PathName, LoadMap>;

beforeAll(async () => {
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) throw new Error('run npm run build first');
  fake = await startFakeCircleCI({ pipelineSetupReads: 0, workflowDelayReads: 0 });
  maps = await loadMaps(ROOT, fake.url, Object.keys(PATHS) as PathName[]);
}, 60_000);
afterAll(() => fake?.close());

describe('the load map of the built CLI', () => {
  it('ends each path with its exit code', () => {
    const codes = [...maps].map(([name, map]) => [name, map.exitCode, map.stderr]);
    const expected = Object.entries(PATHS).map(([name, path]) => [
      name,
      'exitCode' in path ? path.exitCode : 0,
      expect.any(String),
    ]);
    expect(codes).toEqual(expected);
  });

  it('sends one trigger on the trigger path, to the fake CircleCI', () => {
    const posts = fake.requests.filter((request) => request.method === 'POST');
    expect(posts.map((request) => request.path)).toEqual(['/api/v2/project/gh/acme/app/pipeline']);
  });

  it("finds each bundled library's code in the package by its marker", () => {
    const dist = join(ROOT, 'dist');
    const texts = readdirSync(dist, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.c?js$/.test(file))
      .map((file) => readFileSync(join(dist, file), 'utf8'));
    const missing = Object.entries(LIBRARY_MARKERS)
      .filter(([, marker]) => !texts.some((text) => text.includes(marker)))
      .map(([library, marker]) => `${library} (${marker})`);
    expect(missing, 'a library changed: find a text only its code holds').toEqual([]);
  });

  it.each(Object.entries(EXPECTATIONS))('%s', (_, expectation) => {
    const problems = expectation.paths.flatMap((path) => {
      const problem = expectation.problem(maps.get(path) as LoadMap);
      return problem === undefined ? [] : [`${path}: ${problem}`];
    });
    expect(problems).toEqual([]);
  });
});
