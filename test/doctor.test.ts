/**
 * `cci-conditional doctor` driven through main() against the fake CircleCI, which answers only
 * what CircleCI really answers (ARCHITECTURE.md, "What CircleCI answers": OAuth
 * pipelines carry no `trigger_parameters`; `circleci/` pipeline-definition runs carry namespaced
 * `trigger_parameters.git` and may have no `vcs`; `trigger.actor.login` names the API user).
 */
import { describe, expect, it } from 'vitest';
import type { Pipeline } from './fake-circleci/types.js';
import { useFake } from './helpers/fake.js';
import { baseEnv, cliWith, SHA } from './helpers/run-harness.js';

const RULES = { rules: [{ name: 'staging', branches: ['main'], job: 'deploy_staging' }] };
const DEFINITION_ID = '2338d0ae-5541-4bbf-88a2-55e9f7281f80';
const ALL_SIGNS = 'carry every sign cci-conditional recognises its triggers by';
/** The evidence that "who" works: the token user's API pipeline names the /me login. */
const WHO_WORKS = `the newest API pipeline of the token's user, pipeline 1, names "deploy-bot" as trigger.actor.login, as GET /api/v2/me does: "who" works for this account`;
const CANNOT_WORK =
  '--once, the loop guard and lost-answer lookups cannot work on this CircleCI; please report it with the output of `cci-conditional doctor --json`';
/** A GitHub App build: no CIRCLE_REPOSITORY_URL, the project named by ids. */
const appEnv = {
  ...baseEnv,
  CIRCLE_REPOSITORY_URL: '',
  CIRCLE_ORGANIZATION_ID: 'b3c1f7e2',
  CIRCLE_PROJECT_ID: '9d4a6c80',
};
const APP_SLUG = 'circleci/b3c1f7e2/9d4a6c80';

const fake = useFake();

/** An OAuth pipeline as CircleCI lists it: a `vcs` block and no `trigger_parameters` key. */
function oauthPipeline(trigger: Partial<Pipeline['trigger']> = { type: 'api' }): Pipeline {
  const pipeline = fake.addPipeline({ trigger, vcs: { branch: 'main', revision: SHA } });
  Reflect.deleteProperty(pipeline, 'trigger_parameters');
  return pipeline;
}

/** A pipeline-definition run of a GitHub App project: namespaced git context and no `vcs`. */
function appPipeline(): Pipeline {
  const pipeline = fake.addPipeline({
    project_slug: APP_SLUG,
    trigger: { type: 'api' },
    trigger_parameters: {
      circleci: { event_type: 'api' },
      git: { branch: 'main', checkout_sha: SHA, repo_url: 'https://github.com/acme/app' },
    },
  });
  Reflect.deleteProperty(pipeline, 'vcs');
  return pipeline;
}

function doctorWith(args: string[], env: Record<string, string> = baseEnv, rules: unknown = RULES) {
  return cliWith(['doctor', '--host', fake.url, '--retries', '1', ...args], env, rules);
}

const onlyGets = () => fake.requests.filter((request) => request.method !== 'GET');

describe('doctor on a correct setup', () => {
  it('reports every check ok but the config (no .circleci/config.yml in the checkout) and exits 0', async () => {
    oauthPipeline();
    oauthPipeline({ type: 'webhook' });
    const { code, stdout } = await doctorWith([]);
    expect(stdout).toBe(
      [
        'rules: ok — .circleci/deploy-rules.json is valid: 1 rule(s), api v2, match first',
        'config: warning — not checked (no .circleci/config.yml)',
        'token: ok — CIRCLE_API_TOKEN holds a personal API token CircleCI accepts (user deploy-bot)',
        'project: ok — visible to the token: gh/acme/app (v2)',
        `answers: ok — the 2 recent pipeline(s) of gh/acme/app ${ALL_SIGNS}; ${WHO_WORKS}`,
        'no problem, 1 warning: read them before the first deploy',
        '',
      ].join('\n'),
    );
    expect(code).toBe(0);
    expect(fake.requests.map((r) => `${r.method} ${r.rawUrl}`)).toEqual([
      'GET /api/v2/me',
      'GET /api/v2/project/gh/acme/app',
      'GET /api/v2/project/gh/acme/app/pipeline',
      'GET /api/v2/project/gh/acme/app/pipeline/mine',
    ]);
  });

  it('prints one JSON object with the observed field names and no values', async () => {
    oauthPipeline();
    const { code, stdout } = await doctorWith(['--json']);
    const report = JSON.parse(stdout);
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(
      report.checks.map((c: { name: string; status: string }) => `${c.name} ${c.status}`),
    ).toEqual(['rules ok', 'config warning', 'token ok', 'project ok', 'answers ok']);
    expect(report.checks[4]).toMatchObject({ pipelines: 1 });
    expect(report.checks[4].fields).toEqual(
      expect.arrayContaining(['created_at', 'trigger.actor.login', 'trigger.type', 'vcs.revision']),
    );
    expect(report.checks[4].fields).not.toContain('trigger_parameters');
    expect(stdout).not.toContain(SHA);
    expect(stdout).not.toContain(fake.pipelines[0]?.id);
  });

  it('checks a GitHub App project by its definitionId and its pipelines without vcs', async () => {
    appPipeline();
    const rules = { definitionId: DEFINITION_ID, rules: RULES.rules };
    const { code, stdout } = await doctorWith([], appEnv, rules);
    expect(stdout).toContain(`project: ok — visible to the token: ${APP_SLUG} (v2)\n`);
    // No evidence that ?branch= matches pipelines without vcs: the fake's does not.
    expect(stdout).toContain(
      `answers: warning — the 1 recent pipeline(s) of ${APP_SLUG} ${ALL_SIGNS}; ${WHO_WORKS}; GET /api/v2/project/${APP_SLUG}/pipeline?branch=main does not list pipeline 1, which has no vcs block: ?branch= lists none of this project's pipelines without vcs, so cci-conditional also reads pipeline/mine for its own triggers here, and pushes without vcs are not seen by branch\n`,
    );
    expect(code).toBe(0);
  });

  it('says when ?branch= lists the pipelines without vcs too', async () => {
    await fake.start({ branchListsPipelinesWithoutVcs: true });
    appPipeline();
    const rules = { definitionId: DEFINITION_ID, rules: RULES.rules };
    const { stdout } = await doctorWith([], appEnv, rules);
    expect(stdout).toContain(
      `answers: ok — the 1 recent pipeline(s) of ${APP_SLUG} ${ALL_SIGNS}; ${WHO_WORKS}; ?branch= lists the pipelines without a vcs block too\n`,
    );
  });

  it('reads retry like every read: a 502 on /me, then the answer', async () => {
    fake.fault({ method: 'GET', path: '/api/v2/me' }, { status: 502 });
    const { code, stdout } = await doctorWith([]);
    expect(stdout).toContain('token: ok —');
    expect(code).toBe(0);
    expect(fake.requests.filter((r) => r.path === '/api/v2/me')).toHaveLength(2);
  });
});

describe('doctor outside CircleCI', () => {
  const laptop = { CIRCLE_API_TOKEN: baseEnv.CIRCLE_API_TOKEN ?? '' };

  it('takes the project from --project', async () => {
    fake.addPipeline({ project_slug: 'bb/acme/lib', trigger: { type: 'api' } });
    const { code, stdout } = await doctorWith(['--project', 'bb/acme/lib'], laptop);
    expect(stdout).toContain('project: ok — visible to the token: bb/acme/lib (v2)\n');
    expect(stdout).toContain('answers: ok — the 1 recent pipeline(s) of bb/acme/lib');
    expect(code).toBe(0);
  });

  it('prefers --project over the CIRCLE_* variables', async () => {
    await doctorWith(['--project', 'github/acme/other']);
    expect(fake.requests.map((r) => r.path)).toContain('/api/v2/project/gh/acme/other');
  });

  it('reads --project from CCI_CONDITIONAL_PROJECT too', async () => {
    const { code } = await doctorWith([], { ...laptop, CCI_CONDITIONAL_PROJECT: 'gh/acme/app' });
    expect(fake.requests.map((r) => r.path)).toContain('/api/v2/project/gh/acme/app/pipeline');
    expect(code).toBe(0);
  });

  it('names CCI_CONDITIONAL_PROJECT, not --project, when the bad slug came from it', async () => {
    const { code, stderr } = await doctorWith([], {
      ...laptop,
      CCI_CONDITIONAL_PROJECT: 'gh/acme',
    });
    expect(stderr).toBe(
      'error: CCI_CONDITIONAL_PROJECT="gh/acme" is not a project slug like gh/org/repo, bb/org/repo or circleci/<org-id>/<project-id>\n',
    );
    expect(code).toBe(2);
    expect(fake.requests).toEqual([]);
  });

  it('with --json, a usage error is a report with no checks and the reason', async () => {
    const { code, stdout } = await doctorWith(['--json', '--project', 'gh/acme'], laptop);
    expect(JSON.parse(stdout)).toEqual({
      checks: [],
      ok: false,
      reason:
        '--project "gh/acme" is not a project slug like gh/org/repo, bb/org/repo or circleci/<org-id>/<project-id>',
    });
    expect(code).toBe(2);
  });

  it('refuses an http:// host that is not loopback with exit 2, sending nothing', async () => {
    const { code, stderr } = await cliWith(
      ['doctor', '--host', 'http://circleci.example.com'],
      laptop,
      RULES,
    );
    expect(code).toBe(2);
    expect(stderr).toBe(
      'error: --host http://circleci.example.com: http:// is refused for circleci.example.com, the token would travel in clear text; use https://\n',
    );
  });

  it('names --project as the fix when no project is known', async () => {
    const { code, stdout } = await doctorWith([], laptop);
    const fix = 'not known outside CircleCI: pass --project gh/org/repo';
    expect(stdout).toContain(`project: problem — rule(s) "staging" trigger this project, ${fix}\n`);
    expect(stdout).toContain(
      'answers: problem — no project to observe: outside CircleCI, pass --project gh/org/repo\n',
    );
    expect(code).toBe(1);
  });

  it.each(['acme/app', 'gl/acme/app', 'gh/acme/app/extra', 'gh/../app', 'gh/acme/a\u001bpp'])(
    'refuses --project %j with exit 2 and one line, sending nothing',
    async (slug) => {
      const { code, stdout, stderr } = await doctorWith(['--project', slug], laptop);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toBe(
        `error: --project ${JSON.stringify(slug)} is not a project slug like gh/org/repo, bb/org/repo or circleci/<org-id>/<project-id>\n`,
      );
      expect(fake.requests).toEqual([]);
    },
  );
});

describe('doctor names each broken piece and its fix, exit 1', () => {
  it('without a token: checks 3-5 are "no token", rules and config still run', async () => {
    const { CIRCLE_API_TOKEN: _, ...env } = baseEnv;
    const { code, stdout } = await doctorWith([], env);
    const none =
      'no token: set CIRCLE_API_TOKEN (or CIRCLE_TOKEN) to a personal API token in the project or a context, or name another variable with --token-env';
    expect(stdout).toBe(
      [
        'rules: ok — .circleci/deploy-rules.json is valid: 1 rule(s), api v2, match first',
        'config: warning — not checked (no .circleci/config.yml)',
        `token: problem — ${none}`,
        'project: problem — no token: not checked (see token)',
        'answers: problem — no token: not checked (see token)',
        '3 problems, 1 warning: fix the problems before the first deploy',
        '',
      ].join('\n'),
    );
    expect(code).toBe(1);
    expect(fake.requests).toEqual([]);
  });

  it('names the variable --token-env gave when it is empty', async () => {
    const { stdout } = await doctorWith(['--token-env', 'DEPLOY_TOKEN']);
    expect(stdout).toContain(
      'token: problem — no token: DEPLOY_TOKEN (named by --token-env) is not set or empty\n',
    );
  });

  it('a refused token (401): says what CircleCI answered and the likely causes', async () => {
    const { code, stdout } = await doctorWith([], { ...baseEnv, CIRCLE_API_TOKEN: 'expired-1234' });
    expect(stdout).toContain(
      'token: problem — CIRCLE_API_TOKEN was refused: GET /api/v2/me answered HTTP 401 "Invalid token provided."; the token is invalid, revoked or expired (personal API tokens expire), or a project token, which API v2 does not take: create a personal API token (User Settings → Personal API Tokens)\n',
    );
    expect(stdout).toContain(
      'project: problem — not checked: CircleCI refused the token (see token)\n',
    );
    expect(code).toBe(1);
    expect(fake.requests).toHaveLength(1);
  });

  it('an unreachable API: says so once and does not try the other reads', async () => {
    fake.fault({}, { reset: true }, { reset: true });
    const { code, stdout } = await doctorWith([]);
    expect(stdout).toContain(
      `token: problem — CIRCLE_API_TOKEN could not be checked: GET /api/v2/me: network error ECONNRESET (after 2 attempts): CircleCI could not be reached at ${fake.url}; check the network or --host, --timeout and --retries\n`,
    );
    expect(stdout).toContain(
      'answers: problem — not checked: CircleCI could not be reached (see token)\n',
    );
    expect(code).toBe(1);
    expect(fake.requests).toHaveLength(2);
  });

  it('a project token (404 on /me: v2 answers project tokens 404): named as such', async () => {
    fake.fault(
      { method: 'GET', path: '/api/v2/me' },
      { status: 404, body: { message: 'Not found' } },
    );
    const { code, stdout } = await doctorWith([]);
    expect(stdout).toContain(
      'token: problem — CIRCLE_API_TOKEN was refused: GET /api/v2/me answered HTTP 404 "Not found"; this is likely a project API token, and API v2 takes personal API tokens only: create a personal API token (User Settings → Personal API Tokens)\n',
    );
    expect(code).toBe(1);
  });

  it('a project the token cannot see', async () => {
    await fake.start({ projects: ['gh/acme/app'] });
    oauthPipeline();
    const rules = { rules: [{ ...RULES.rules[0], project: 'gh/acme/shop' }] };
    const { code, stdout } = await doctorWith([], baseEnv, rules);
    expect(stdout).toContain(
      'project: problem — gh/acme/shop (v2): GET /api/v2/project/gh/acme/shop: HTTP 404 "Project not found": the project does not exist or the token in CIRCLE_API_TOKEN cannot see it; API v2 needs a personal API token (project tokens get 404)\n',
    );
    expect(code).toBe(1);
  });

  it('a GitHub App project without a definitionId', async () => {
    appPipeline();
    const { code, stdout } = await doctorWith([], appEnv);
    expect(stdout).toContain(
      `project: problem — rule(s) "staging": ${APP_SLUG} is a GitHub App project, which CircleCI triggers only through pipeline/run: give the rule or the rules file a "definitionId" (the pipeline's id, in the web app under Project Settings → Project Setup); if it is a GitLab project, CircleCI has no API trigger for it at all: use CircleCI's custom webhook trigger instead (Project Settings → Project Setup → Add trigger), a URL a step can call with curl; visible to the token: ${APP_SLUG} (v2)\n`,
    );
    expect(code).toBe(1);
  });

  it('answers without trigger.actor.login, branch or commit', async () => {
    oauthPipeline();
    const bare = appPipeline();
    bare.trigger_parameters = { circleci: { event_type: 'api' } };
    bare.trigger = { type: 'api', received_at: bare.created_at } as Pipeline['trigger'];
    const { code, stdout } = await doctorWith([], appEnv, {
      definitionId: DEFINITION_ID,
      rules: RULES.rules,
    });
    expect(stdout).toContain(
      `answers: problem — in the 1 recent pipeline(s) of ${APP_SLUG}: trigger.actor.login missing in 1, branch or tag (in vcs or trigger_parameters.git) missing in 1, commit (in vcs or trigger_parameters.git) missing in 1: ${CANNOT_WORK}\n`,
    );
    expect(code).toBe(1);
  });

  it('an invalid rules file: a problem naming it, the project still looked at, and exit 2 as in every command', async () => {
    const { code, stdout } = await doctorWith([], baseEnv, { rules: [{ job: 'x' }] });
    expect(stdout).toContain(
      'rules: problem — invalid rules file .circleci/deploy-rules.json: rules[0]: needs "branches" or "tags" (fix it; validate lists it)\n',
    );
    expect(stdout).toContain(
      'config: warning — not checked: the rules file is invalid (see rules)\n',
    );
    expect(stdout).toContain('project: ok — visible to the token: gh/acme/app (v2)\n');
    expect(code).toBe(2);
  });

  it('a missing rules file: the report, then exit 2, as run, check and validate exit', async () => {
    const missing = async (path: string) => {
      throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    };
    const { code, stdout } = await cliWith(
      ['doctor', '--host', fake.url, '--rules', 'nowhere.json'],
      baseEnv,
      RULES,
      { readFile: missing },
    );
    expect(stdout).toContain(
      'rules: problem — cannot read rules file nowhere.json: no such file (set --rules) (fix it; validate lists it)\n',
    );
    expect(stdout).toContain('token: ok — ');
    expect(code).toBe(2);
  });

  it('a rules file problem and a token problem: exit 2, the files first', async () => {
    const { CIRCLE_API_TOKEN: _, ...env } = baseEnv;
    const { code } = await doctorWith([], env, { rules: [{ job: 'x' }] });
    expect(code).toBe(2);
  });
});

describe('doctor warns without failing', () => {
  it('about v1.1 rules, which stop working on 2027-02-01, and reads their project through v1.1', async () => {
    oauthPipeline();
    const { code, stdout } = await doctorWith([], baseEnv, { api: 'v1.1', rules: RULES.rules });
    expect(stdout).toContain(
      'rules: warning — .circleci/deploy-rules.json is valid: 1 rule(s), api v1.1, match first; rule(s) "staging" use API v1.1, whose triggers CircleCI removes on 2027-02-01: move them to "api": "v2" (with a "definitionId" for GitHub App projects)\n',
    );
    expect(stdout).toContain('project: ok — visible to the token: gh/acme/app (v1.1)\n');
    expect(fake.requests.map((r) => r.rawUrl)).toContain(
      '/api/v1.1/project/github/acme/app?limit=1',
    );
    expect(code).toBe(0);
  });

  it('about a project without pipelines: nothing to observe yet', async () => {
    const { code, stdout } = await doctorWith([]);
    expect(stdout).toContain(
      'answers: warning — gh/acme/app has no pipelines yet, so there is nothing to observe: run doctor again after its first build\n',
    );
    expect(code).toBe(0);
  });
});

describe('doctor is read-only', () => {
  it.each([
    ['a correct setup', () => oauthPipeline()],
    [
      'a project the token cannot see',
      () => fake.fault({ path: /^\/api\/v2\/project\/bb\// }, { status: 404 }),
    ],
    [
      'answers without the signs',
      () =>
        fake.fault(
          { path: '/api/v2/project/gh/acme/app/pipeline' },
          { status: 200, body: { items: [{}] } },
        ),
    ],
    ['a refused token', () => fake.fault({ path: '/api/v2/me' }, { status: 401 })],
    ['a project token', () => fake.fault({ path: '/api/v2/me' }, { status: 404 })],
    ['an unreachable API', () => fake.fault({}, ...Array(9).fill({ reset: true }))],
    ['server errors', () => fake.fault({}, ...Array(9).fill({ status: 500 }))],
    [
      'CircleCI throttling every read',
      () => fake.fault({}, ...Array(9).fill({ status: 429, headers: { 'retry-after': '0' } })),
    ],
  ])('sends nothing but GET requests on %s', async (_, arrange) => {
    arrange();
    const rules = {
      rules: [
        ...RULES.rules,
        { branches: ['main'], job: 'deploy', project: 'bb/acme/lib' },
        { branches: ['main'], job: 'deploy', api: 'v1.1' },
        { branches: ['main'], approve: 'hold' },
      ],
    };
    await doctorWith([], baseEnv, rules);
    expect(fake.requests.length).toBeGreaterThan(0);
    expect(onlyGets()).toEqual([]);
  });
});
