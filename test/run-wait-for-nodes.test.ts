/** --wait-for-nodes: node 0 triggers only after every other parallel node of its job succeeded. */
import { describe, expect, it } from 'vitest';
import { useFake } from './helpers/fake.js';
import { baseEnv, cliWith, runWith, SHA, sent } from './helpers/run-harness.js';

const v2Rules = { rules: [{ name: 'staging', branches: ['main'], job: 'deploy_staging' }] };
const parallel = { CIRCLE_NODE_INDEX: '0', CIRCLE_NODE_TOTAL: '4', CIRCLE_BUILD_NUM: '41' };
const env = { ...baseEnv, ...parallel };
const JOB_PATH = '/api/v2/project/gh/acme/app/job/41';
const TRIGGER = '/api/v2/project/gh/acme/app/pipeline';

const fake = useFake({ heads: { main: SHA } });

function seedJob(...statuses: string[][]) {
  fake.addJob('gh/acme/app', {
    number: 41,
    name: 'build',
    parallelRuns: statuses.map((s, index) => ({ index, statuses: s })),
  });
}

describe('--wait-for-nodes', () => {
  it('triggers once every other node has succeeded, ignoring its own running node', async () => {
    seedJob(
      ['running'],
      ['running', 'success'],
      ['queued', 'running', 'running', 'success'],
      ['success'],
    );
    const { result, log } = await runWith(fake, v2Rules, {
      env: parallel,
      options: { waitForNodes: true },
    });
    expect(result.decision).toBe('triggered');
    expect(sent(fake, 'GET', JOB_PATH)).toHaveLength(4);
    const paths = fake.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths.indexOf(`POST ${TRIGGER}`)).toBe(4);
    expect(log.split('\n').filter((line) => line.startsWith('waiting for'))).toEqual([
      'waiting for nodes 1, 2 of 4 to finish (0 s so far)',
      'waiting for node 2 of 4 to finish (2 s so far)',
    ]);
    expect(log).toContain('all 4 nodes of job 41 succeeded after 10 s');
  });

  it('does not trigger and exits 1 when a node failed', async () => {
    seedJob(['running'], ['success'], ['running', 'failed'], ['canceled']);
    const { code, stderr } = await cliWith(['--host', fake.url, '--wait-for-nodes'], env, v2Rules);
    expect(code).toBe(1);
    expect(sent(fake, 'POST', TRIGGER)).toHaveLength(0);
    expect(stderr).toContain(
      'error: not triggering: node 2 of 4 failed, node 3 of 4 ended canceled',
    );
  });

  it('does not trigger and exits 1 when the other nodes outlast --wait-timeout', async () => {
    seedJob(['running'], ['running']);
    const twoNodes = { ...env, CIRCLE_NODE_TOTAL: '2' };
    const { code, stderr } = await cliWith(
      ['--host', fake.url, '--wait-for-nodes', '--wait-timeout', '60'],
      twoNodes,
      v2Rules,
    );
    expect(code).toBe(1);
    expect(sent(fake, 'POST', TRIGGER)).toHaveLength(0);
    expect(stderr).toContain(
      'error: not triggering: gave up after --wait-timeout 60 s: node 1 of 2 still running',
    );
  });

  it('refuses to run without CIRCLE_BUILD_NUM (exit 2, nothing sent)', async () => {
    const { CIRCLE_BUILD_NUM: _, ...without } = env;
    const { code, stderr } = await cliWith(
      ['--host', fake.url, '--wait-for-nodes'],
      without,
      v2Rules,
    );
    expect(code).toBe(2);
    expect(stderr.split('\n').at(-2)).toBe(
      "error: --wait-for-nodes needs CIRCLE_BUILD_NUM (this job's number), but it is not set",
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('reads nothing on a job with one node', async () => {
    const single = { CIRCLE_NODE_INDEX: '0', CIRCLE_NODE_TOTAL: '1' };
    const { result } = await runWith(fake, v2Rules, {
      env: single,
      options: { waitForNodes: true },
    });
    expect(result.decision).toBe('triggered');
    expect(sent(fake, 'GET', JOB_PATH)).toHaveLength(0);
  });

  it('reads nothing on the other nodes, which skip', async () => {
    const { code } = await cliWith(
      ['--host', fake.url, '--wait-for-nodes'],
      { ...env, CIRCLE_NODE_INDEX: '2' },
      v2Rules,
    );
    expect(code).toBe(0);
    expect(fake.requests).toHaveLength(0);
  });

  it('is turned on by CCI_CONDITIONAL_WAIT_FOR_NODES', async () => {
    seedJob(['running'], ['failed']);
    const { code } = await cliWith(
      ['--host', fake.url],
      { ...env, CIRCLE_NODE_TOTAL: '2', CCI_CONDITIONAL_WAIT_FOR_NODES: 'true' },
      v2Rules,
    );
    expect(code).toBe(1);
    expect(sent(fake, 'POST', TRIGGER)).toHaveLength(0);
  });
});
