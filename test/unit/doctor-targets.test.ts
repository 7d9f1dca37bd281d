import { describe, expect, it } from 'vitest';
import { slugOf } from '../../src/circleci/api-paths.js';
import { parseRules } from '../../src/core/parse-rules.js';
import { readContext } from '../../src/core/read-context.js';
import { parseSlug, targetsOf } from '../../src/doctor/targets.js';

const ID = '2338d0ae-5541-4bbf-88a2-55e9f7281f80';
const oauthEnv = {
  CIRCLE_PROJECT_USERNAME: 'acme',
  CIRCLE_PROJECT_REPONAME: 'app',
  CIRCLE_REPOSITORY_URL: 'git@github.com:acme/app.git',
};
const appEnv = {
  ...oauthEnv,
  CIRCLE_REPOSITORY_URL: '',
  CIRCLE_ORGANIZATION_ID: 'o1',
  CIRCLE_PROJECT_ID: 'p1',
};

describe('parseSlug', () => {
  it.each([
    ['gh/acme/app', 'gh/acme/app'],
    ['github/acme/app', 'gh/acme/app'],
    ['bitbucket/acme/app', 'bb/acme/app'],
    ['circleci/o1/p1', 'circleci/o1/p1'],
    ['gh/acme.io/app.js', 'gh/acme.io/app.js'],
  ])('reads %s as %s', (slug, short) => {
    const project = parseSlug(slug);
    expect(project && slugOf(project)).toBe(short);
  });

  it.each([
    '',
    'gh/acme',
    'gl/acme/app',
    'gh/acme/app/x',
    'gh/./app',
    'gh/acme/..',
    'gh/ac me/app',
    'gh/acme/a\u0007',
  ])('refuses %j', (slug) => {
    expect(parseSlug(slug)).toBeUndefined();
  });
});

describe('targetsOf', () => {
  const targets = (rules: unknown, env: Record<string, string>, given?: string) =>
    targetsOf(
      parseRules(JSON.stringify(rules), 'r.json'),
      given ? parseSlug(given) : undefined,
      readContext(env),
    ).map(
      (t) =>
        `${t.api} ${t.project ? slugOf(t.project) : '?'} ${t.rules.map((r) => r.name).join(',')}`,
    );

  it.each<[string, unknown, Record<string, string>, string | undefined, string[]]>([
    [
      'rules of this project and of another, grouped by project and API',
      {
        rules: [
          { name: 'a', branches: ['x'], job: 'j' },
          { name: 'b', tags: ['v*'], job: 'j' },
          { name: 'c', branches: ['x'], job: 'j', project: 'github/acme/other' },
          { name: 'd', branches: ['x'], job: 'j', api: 'v1.1' },
        ],
      },
      oauthEnv,
      undefined,
      ['v2 gh/acme/app a,b', 'v2 gh/acme/other c', 'v1.1 gh/acme/app d'],
    ],
    [
      'a Bitbucket build',
      { rules: [{ name: 'a', branches: ['x'], job: 'j' }] },
      { ...oauthEnv, CIRCLE_REPOSITORY_URL: 'https://bitbucket.org/acme/app' },
      undefined,
      ['v2 bb/acme/app a'],
    ],
    [
      'a GitHub App build',
      { rules: [{ name: 'a', branches: ['x'], job: 'j' }] },
      appEnv,
      undefined,
      ['v2 circleci/o1/p1 a'],
    ],
    [
      'a definitionId rule in a GitHub OAuth build with ids: its own slug, as run addresses it',
      { definitionId: ID, rules: [{ name: 'a', branches: ['x'], job: 'j' }] },
      { ...oauthEnv, CIRCLE_ORGANIZATION_ID: 'o1', CIRCLE_PROJECT_ID: 'p1' },
      undefined,
      ['v2 gh/acme/app a'],
    ],
    [
      '--project over the build',
      { rules: [{ name: 'a', branches: ['x'], job: 'j' }] },
      appEnv,
      'gh/acme/web',
      ['v2 gh/acme/web a'],
    ],
    [
      'no project known',
      { rules: [{ name: 'a', branches: ['x'], job: 'j' }] },
      {},
      undefined,
      ['v2 ? a'],
    ],
    [
      'an approve rule: this project',
      { rules: [{ name: 'a', branches: ['x'], approve: 'hold' }] },
      oauthEnv,
      undefined,
      ['v2 gh/acme/app a'],
    ],
  ])('for %s', (_, rules, env, given, expected) => {
    expect(targets(rules, env, given)).toEqual(expected);
  });
});
