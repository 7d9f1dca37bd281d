/**
 * The README's quick start followed literally by a new user with nothing but the README: the
 * rules file and the config saved where it says, its commands run in that folder by the built
 * CLI, each printing what the README shows; and the `doctor` report it shows, held to doctor's
 * run in a clone of gh/acme/app against the fake CircleCI, whose pipelines carry what CircleCI's
 * do (OAuth pipelines: a `vcs` block, no `trigger_parameters`; circleci-notes.md).
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeCircleCI } from './fake-circleci/server.js';
import { codeBlocks, consoleCommands, read } from './helpers/markdown.js';
import { runBin } from './helpers/run-bin.js';
import { readerFolder, runConsole, sameOutput, writeNamed } from './helpers/run-console.js';
import { SHA, TOKEN } from './helpers/run-harness.js';

const readme = read('README.md');
const quickStart = readme.slice(
  readme.indexOf('## Quick start'),
  readme.indexOf('\n## ', readme.indexOf('## Quick start') + 1),
);
const blocks = codeBlocks(quickStart);
const folder = readerFolder();
afterAll(folder.remove);
// the reader saves each file as the README says, before running anything
beforeAll(() => {
  for (const block of blocks) writeNamed(folder.dir, block);
});

describe("the README's quick start, followed literally", () => {
  it('saves the rules file and a complete config where cci-conditional looks for them', () => {
    expect(blocks.filter((block) => block.file).map((block) => [block.file, block.lang])).toEqual([
      ['.circleci/deploy-rules.json', 'json'],
      ['.circleci/config.yml', 'yaml'],
    ]);
  });

  it('checks them on your machine and dry-runs a build of main, printing what the README shows', () => {
    const sessions = blocks.filter((block) => block.lang === 'console');
    const commands = sessions.flatMap((block) => consoleCommands(block.body));
    // validate finds the config fits, and the dry run shows the request for deploy_staging
    expect(commands.map((c) => c.command)).toEqual(
      expect.arrayContaining([
        'npx cci-conditional@1 validate',
        expect.stringMatching(/--dry-run$/),
      ]),
    );
    expect(commands[0]?.output).toContain(
      'fits the rules: 2 v2 rule(s) checked, 0 problems, 0 warnings',
    );
    const dryRun = commands.find((c) => c.command.endsWith('--dry-run'));
    expect(dryRun?.output).toContain(
      'POST https://circleci.com/api/v2/project/gh/acme/app/pipeline',
    );
    expect(dryRun?.output).toContain('"target_job": "deploy_staging"');
    for (const block of sessions) {
      for (const ran of runConsole(folder.dir, block)) {
        expect(sameOutput(ran.printed, ran.output), `$ ${ran.command}\n${ran.printed}`).toBe(true);
        expect(ran.code, ran.command).toBe(ran.exit);
      }
    }
  });

  it('shows the report doctor prints in that clone, before the first deploy', async () => {
    const command = blocks.findIndex((block) =>
      block.body.includes('npx cci-conditional@1 doctor'),
    );
    expect(command).toBeGreaterThan(0);
    const report = blocks[command + 1];
    expect(report?.lang).toBe('text');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: folder.dir });
    git('init', '--quiet');
    git('remote', 'add', 'origin', 'git@github.com:acme/app.git');
    const fake = await startFakeCircleCI({ token: TOKEN });
    try {
      for (let i = 0; i < 3; i++) {
        const pushed = fake.addPipeline({
          trigger: { type: 'webhook' },
          vcs: { branch: 'main', revision: SHA },
        });
        Reflect.deleteProperty(pushed, 'trigger_parameters');
      }
      const ran = await runBin(
        ['doctor'],
        { CIRCLE_API_TOKEN: TOKEN, CCI_CONDITIONAL_HOST: fake.url, HOME: folder.dir },
        folder.dir,
      );
      expect(ran.stdout).toBe(report?.body);
      expect(ran.code).toBe(0);
      expect(fake.requests.filter((request) => request.method !== 'GET')).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});
