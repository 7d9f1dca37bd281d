// @ts-check
// See cci-conditional work without CircleCI: a fake CircleCI API listens on 127.0.0.1, and the
// built CLI (bin/cci-conditional.js) runs as a child process in a CircleCI-like environment with
// examples/github-oauth/deploy-rules.json, once per situation. Each run's exit code, output and the requests the
// fake received are printed and checked; the script exits 1 when any run did not behave as expected.
//
// Usage: npm run demo   (builds first; `node scripts/demo.js` alone needs an earlier build)
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { startFakeCircleCI } from '../test/fake-circleci/server.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = 'bin/cci-conditional.js';
const RULES = 'examples/github-oauth/deploy-rules.json';
const CONFIG = 'examples/github-oauth/config.yml';
/** Not a real token: the fake CircleCI accepts this one and no other. */
const TOKEN = 'demo-token-0f3c9a1e7b5d';
const SHA = '4c1f0e9b2a7d6c5e8f3a1b0d9c8e7f6a5b4c3d2e';
/** The pipeline parameters examples/github-oauth/config.yml declares; the fake errors on any other. */
const DECLARED = ['target_job', 'target_sha', 'DEPLOY_ENV'];

/**
 * @typedef {import('../test/fake-circleci/types.js').RecordedRequest} RecordedRequest
 * @typedef {{code: number | null, stdout: string, stderr: string}} Outcome
 * @typedef {object} Expected
 * @property {number} code exit code
 * @property {string[]} stderr text the log must contain
 * @property {{path: string, body: unknown} | null} post the one POST it must send, or null: no request at all
 * @typedef {object} Scenario
 * @property {string} title
 * @property {string} explain
 * @property {Record<string, string>} env CircleCI variables that differ from the base
 * @property {string[]} args extra arguments
 * @property {Expected} expected
 */

const fake = await startFakeCircleCI({
  token: TOKEN,
  declaredParameters: DECLARED,
  // The branch and tag heads are this commit, so the new pipelines build it.
  heads: { main: SHA, 'v1.2.3': SHA },
});
// The pipeline this job would be running in: an ordinary push, not a trigger by cci-conditional.
const current = fake.addPipeline({ vcs: { branch: 'main', revision: SHA } });

/** What CircleCI sets in every job; each scenario overrides a few variables. */
const baseEnv = {
  CI: 'true',
  CIRCLECI: 'true',
  CIRCLE_BRANCH: 'main',
  CIRCLE_SHA1: SHA,
  CIRCLE_PROJECT_USERNAME: 'acme',
  CIRCLE_PROJECT_REPONAME: 'app',
  CIRCLE_REPOSITORY_URL: 'git@github.com:acme/app.git',
  CIRCLE_NODE_INDEX: '0',
  CIRCLE_NODE_TOTAL: '1',
  CIRCLE_JOB: 'test',
  CIRCLE_BUILD_NUM: '41',
  CIRCLE_BUILD_URL: 'https://circleci.com/gh/acme/app/41',
  CIRCLE_WORKFLOW_ID: '9d3e5b0c-3f4a-4f6e-9a51-2c7d8e1f0a42',
  CIRCLE_PIPELINE_ID: current.id,
  CIRCLE_API_TOKEN: TOKEN,
};

const PIPELINE_PATH = '/api/v2/project/gh/acme/app/pipeline';

/** @type {Scenario[]} */
const scenarios = [
  {
    title: 'Branch "main": the "staging" rule matches, a pipeline is triggered',
    explain:
      'The rules send main to deploy_staging. cci-conditional asks CircleCI for a new pipeline on\n' +
      'main whose parameters name the job and this commit.',
    env: {},
    args: [],
    expected: {
      code: 0,
      stderr: ['rule "staging" matches branch "main"', 'triggered deploy_staging on branch "main"'],
      post: {
        path: PIPELINE_PATH,
        body: {
          branch: 'main',
          parameters: { target_job: 'deploy_staging', target_sha: SHA, DEPLOY_ENV: 'staging' },
        },
      },
    },
  },
  {
    title: 'Branch "feature/login": no rule matches, nothing is sent',
    explain: 'No rule names feature branches: the step succeeds (exit 0) and sends no request.',
    env: { CIRCLE_BRANCH: 'feature/login' },
    args: [],
    expected: { code: 0, stderr: ['skipped: no rule matches branch "feature/login"'], post: null },
  },
  {
    title: 'Node 1 of 2 on "main": only node 0 triggers',
    explain:
      'With parallelism: 2 the step runs in two containers; only one of them may trigger, so\n' +
      'the second one skips without sending anything.',
    env: { CIRCLE_NODE_INDEX: '1', CIRCLE_NODE_TOTAL: '2' },
    args: [],
    expected: { code: 0, stderr: ['skipped: node 1 of 2; only node 0 triggers'], post: null },
  },
  {
    title: 'Tag "v1.2.3": the "production" rule matches, a pipeline is triggered on the tag',
    explain:
      'On a tag build CIRCLE_BRANCH is empty and CIRCLE_TAG is set; only "tags" patterns count.',
    env: { CIRCLE_BRANCH: '', CIRCLE_TAG: 'v1.2.3' },
    args: [],
    expected: {
      code: 0,
      stderr: ['rule "production" matches tag "v1.2.3"', 'triggered deploy_production on tag'],
      post: {
        path: PIPELINE_PATH,
        body: { tag: 'v1.2.3', parameters: { target_job: 'deploy_production', target_sha: SHA } },
      },
    },
  },
];

console.log(`cci-conditional demo
A fake CircleCI API listens on ${fake.url}.
Each run below is the built CLI (node ${BIN}) in a CircleCI-like job environment,
with the rules of ${RULES} and a demo API token in CIRCLE_API_TOKEN (shown as ***).`);

/** @type {string[]} */
const failures = [];
try {
  for (const [i, scenario] of scenarios.entries()) {
    const problems = await show(i + 1, scenario);
    for (const problem of problems) failures.push(`run ${i + 1} (${scenario.title}): ${problem}`);
  }
} finally {
  await fake.close();
}

if (failures.length > 0) {
  console.log(`\nFAILED: ${failures.length} difference(s) from what was expected:`);
  for (const failure of failures) console.log(`  - ${failure}`);
  process.exitCode = 1;
} else {
  console.log(`\nAll ${scenarios.length} runs behaved as expected.`);
}

/**
 * Runs one scenario, prints what happened and returns what differed from the expectation.
 * @param {number} n
 * @param {Scenario} scenario
 * @returns {Promise<string[]>}
 */
async function show(n, scenario) {
  console.log(`\n== ${n}. ${scenario.title} ==\n${scenario.explain}`);
  const args = ['--rules', RULES, '--config', CONFIG, '--host', fake.url, ...scenario.args];
  const shown = Object.entries(scenario.env).map(([name, value]) => `${name}=${value}`);
  console.log(`\n$ ${[...shown, 'cci-conditional', ...args].join(' ')}`);

  const before = fake.requests.length;
  const outcome = await runCli(args, { ...baseEnv, ...scenario.env });
  const received = fake.requests.slice(before);

  console.log(`exit code: ${outcome.code}`);
  printStream('stdout', outcome.stdout);
  printStream('stderr', outcome.stderr);
  if (received.length === 0) console.log('requests received by the fake CircleCI: none');
  else console.log('requests received by the fake CircleCI:');
  for (const request of received) console.log(indent(describeRequest(request)));

  const problems = check(scenario.expected, outcome, received);
  console.log(
    problems.length === 0 ? '-> as expected' : `-> NOT as expected: ${problems.join('; ')}`,
  );
  return problems;
}

/**
 * @param {Expected} expected
 * @param {Outcome} outcome
 * @param {RecordedRequest[]} received
 * @returns {string[]}
 */
function check(expected, outcome, received) {
  const problems = [];
  if (outcome.code !== expected.code) {
    problems.push(`exit code ${outcome.code}, expected ${expected.code}`);
  }
  for (const text of expected.stderr) {
    if (!outcome.stderr.includes(text))
      problems.push(`the log does not say ${JSON.stringify(text)}`);
  }
  if (`${outcome.stdout}${outcome.stderr}`.includes(TOKEN)) problems.push('the token was printed');
  if (received.some((request) => request.rawUrl.includes(TOKEN))) {
    problems.push('the token travelled in a URL');
  }
  const posts = received.filter((request) => request.method === 'POST');
  if (expected.post === null) {
    if (received.length > 0) problems.push(`${received.length} request(s) sent, expected none`);
    return problems;
  }
  const post = posts[0];
  if (posts.length !== 1 || post === undefined) {
    problems.push(`${posts.length} POST request(s) sent, expected exactly 1`);
    return problems;
  }
  if (post.path !== expected.post.path) {
    problems.push(`POST to ${post.path}, expected ${expected.post.path}`);
  }
  if (!isDeepStrictEqual(post.body, expected.post.body)) {
    problems.push(
      `body ${JSON.stringify(post.body)}, expected ${JSON.stringify(expected.post.body)}`,
    );
  }
  for (const [name, value] of [
    ['circle-token', TOKEN],
    ['content-type', 'application/json'],
    ['accept', 'application/json'],
  ]) {
    if (post.headers[name ?? ''] !== value)
      problems.push(`header ${name} is not ${value === TOKEN ? 'the token' : value}`);
  }
  return problems;
}

/**
 * The built CLI as a child process with exactly this environment (plus PATH), no stdin.
 * @param {string[]} args
 * @param {Record<string, string>} env
 * @returns {Promise<Outcome>}
 */
function runCli(args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk) => {
      stderr += chunk;
    });
    const timer = setTimeout(() => child.kill(), 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * A POST in full (token masked); a GET as one line with what it is for.
 * @param {RecordedRequest} request
 * @returns {string}
 */
function describeRequest(request) {
  const line = `${request.method} ${request.rawUrl}`;
  if (request.method === 'GET') {
    if (request.path === `/api/v2/pipeline/${current.id}`) {
      return `${line}   (this job's pipeline: was it started by cci-conditional? the loop guard)`;
    }
    if (request.path.startsWith('/api/v2/pipeline/')) {
      return `${line}   (the new pipeline, read until CircleCI has set it up)`;
    }
    return line;
  }
  const headers = ['circle-token', 'content-type', 'accept']
    .filter((name) => request.headers[name] !== undefined)
    .map((name) => `${name}: ${name === 'circle-token' ? '***' : request.headers[name]}`);
  const body = request.body === undefined ? [] : ['', JSON.stringify(request.body, null, 2)];
  return [line, ...headers, ...body].join('\n');
}

/**
 * @param {string} name
 * @param {string} text
 */
function printStream(name, text) {
  const trimmed = text.replace(/\n+$/, '').replaceAll(TOKEN, '***');
  console.log(trimmed === '' ? `${name}: (empty)` : `${name}:\n${indent(trimmed)}`);
}

/** @param {string} text */
function indent(text) {
  return text
    .split('\n')
    .map((line) => (line === '' ? '' : `    ${line}`))
    .join('\n');
}
