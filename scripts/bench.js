#!/usr/bin/env node
// Startup budget of the built CLI, as ratios to `node -e 0` measured in the same run.
// Usage: npm run build && npm run bench [-- ROUNDS [BIN]]. A benchmark, not a test: it prints
// figures with their budgets and exits 1 when one is over. BIN measures another build of the CLI.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeCircleCI } from '../test/fake-circleci/server.js';
import { median, peakRss, rssTool, runOnce } from './bench-measure.js';

const ROUNDS = Number(process.argv[2] ?? 20);
const BIN = process.argv[3] ?? fileURLToPath(new URL('../bin/cci-conditional.js', import.meta.url));
const WARM_UP = 3;
const RSS_ROUNDS = 7;

/** @typedef {{ label: string, args: string[], env: Record<string, string> }} Case */

const baseEnv = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  HOME: process.env.HOME ?? '/tmp',
  CIRCLE_SHA1: 'c0ffee0000000000000000000000000000000000',
  CIRCLE_PROJECT_USERNAME: 'acme',
  CIRCLE_PROJECT_REPONAME: 'shop',
  CIRCLE_REPOSITORY_URL: 'git@github.com:acme/shop.git',
  CIRCLE_BUILD_URL: 'https://circleci.com/gh/acme/shop/41',
  CIRCLE_JOB: 'build',
};

/** Three rules of every kind: a tag glob, branch globs with an exclusion, a regex. */
const threeRules = [
  { name: 'production', tags: ['v*.*.*'], job: 'deploy_production' },
  {
    name: 'staging',
    branches: ['main', 'release/**', '!release/legacy-*'],
    job: 'deploy_staging',
    parameters: { DEPLOY_ENV: 'staging' },
  },
  { name: 'hotfix', branches: ['/^hotfix-\\d+$/'], job: 'deploy_hotfix' },
];

/**
 * A large file mixing every kind of pattern: plain names, globs with exclusions, regexes, tags.
 * @param {number} count
 */
function manyRules(count) {
  return Array.from({ length: count }, (_, i) => {
    const kind = i % 4;
    const branches =
      kind === 0
        ? [`team-${i}`]
        : kind === 1
          ? [`team-${i}/**`, `!team-${i}/wip-*`]
          : kind === 2
            ? [`/^hotfix-${i}-\\d+$/`]
            : undefined;
    return {
      name: `rule-${i}`,
      ...(branches ? { branches } : { tags: [`svc-${i}@v*`] }),
      job: `deploy_${i}`,
    };
  });
}

/**
 * @param {string} label
 * @param {number} ratio
 * @param {number} budget
 * @param {string} detail
 */
function line(label, ratio, budget, detail) {
  const verdict = ratio <= budget ? 'PASS' : 'OVER';
  console.log(
    `${label.padEnd(34)} ${ratio.toFixed(2)}× (budget ${budget}×)  ${verdict}   ${detail}`,
  );
  return ratio <= budget;
}

async function main() {
  const probe = await runOnce([process.execPath, BIN, '--version'], baseEnv);
  if (probe.code !== 0) {
    console.error(`cannot run ${BIN}: run npm run build first\n${probe.stderr}`);
    return 2;
  }
  // The runs start in an empty folder: a .circleci/config.yml around them (this repository's own)
  // would be checked against the rules that fire.
  const dir = await mkdtemp(join(tmpdir(), 'cci-conditional-bench-'));
  const fake = await startFakeCircleCI({ pipelineSetupReads: 0, workflowDelayReads: 0 });
  try {
    const rules3 = join(dir, 'rules-3.json');
    const rules10k = join(dir, 'rules-10000.json');
    await writeFile(rules3, JSON.stringify({ rules: threeRules }, null, 2));
    await writeFile(rules10k, JSON.stringify({ rules: manyRules(10_000) }, null, 2));
    const noMatch = { ...baseEnv, CIRCLE_BRANCH: 'feature/bench' };
    const main = { ...baseEnv, CIRCLE_BRANCH: 'main' };
    /** @type {Record<string, Case>} */
    const cases = {
      baseline: { label: 'node -e 0', args: ['-e', '0'], env: baseEnv },
      skip: { label: 'skip path (no rule matches)', args: [BIN, '--rules', rules3], env: noMatch },
      dry: {
        label: 'dry run with a match',
        args: [BIN, '--rules', rules3, '--dry-run'],
        env: main,
      },
      trigger: {
        label: 'full trigger, loopback API',
        args: [BIN, '--rules', rules3, '--host', fake.url],
        env: { ...main, CIRCLE_API_TOKEN: 'test-token' },
      },
      many: {
        label: '10,000 rules, skip path',
        args: [BIN, '--rules', rules10k],
        env: noMatch,
      },
    };
    /** @type {Record<string, number[]>} */
    const times = Object.fromEntries(Object.keys(cases).map((key) => [key, []]));
    const keys = Object.keys(cases);
    for (let round = 0; round < WARM_UP + ROUNDS; round++) {
      // Rotate the order so that no case always runs right after another one.
      const order = keys.map((_, i) => keys[(i + round) % keys.length] ?? 'baseline');
      for (const key of order) {
        const { args, env, label } = /** @type {Case} */ (cases[key]);
        const result = await runOnce([process.execPath, ...args], env, dir);
        if (result.code !== 0) throw new Error(`${label} exited ${result.code}: ${result.stderr}`);
        if (round >= WARM_UP) times[key]?.push(result.ms);
      }
    }
    if (fake.requests.length === 0) throw new Error('the trigger case sent no request');
    /** @type {number[]} */
    const rssBase = [];
    /** @type {number[]} */
    const rssSkip = [];
    for (let round = 0; round < RSS_ROUNDS; round++) {
      rssBase.push(await peakRss(cases.baseline?.args ?? [], baseEnv, dir));
      rssSkip.push(await peakRss(cases.skip?.args ?? [], noMatch, dir));
    }
    const ms = Object.fromEntries(keys.map((key) => [key, median(times[key] ?? [])]));
    const base = ms.baseline ?? 1;
    const show = (/** @type {string} */ key) => `${(ms[key] ?? 0).toFixed(1)} ms`;
    console.log(
      `cci-conditional startup, node ${process.version}: median of ${ROUNDS} interleaved rounds after ${WARM_UP} warm-up; node -e 0 = ${base.toFixed(1)} ms`,
    );
    const ok = [
      line(cases.skip?.label ?? '', (ms.skip ?? 0) / base, 1.5, show('skip')),
      line(cases.dry?.label ?? '', (ms.dry ?? 0) / base, 1.6, show('dry')),
      line(cases.trigger?.label ?? '', (ms.trigger ?? 0) / base, 3.0, show('trigger')),
      line(
        'peak RSS, skip path',
        median(rssSkip) / median(rssBase),
        1.2,
        `${(median(rssSkip) / 1024).toFixed(1)} MiB vs ${(median(rssBase) / 1024).toFixed(1)} MiB (${rssTool})`,
      ),
      line(cases.many?.label ?? '', (ms.many ?? 0) / base, 3.5, show('many')),
    ];
    return ok.every(Boolean) ? 0 : 1;
  } finally {
    await fake.close();
    await rm(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
