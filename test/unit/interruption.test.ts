import { describe, expect, it } from 'vitest';
import { createInterruption, untilSignal } from '../../src/cli/interruption.js';

const deploy = { rule: 'staging', job: 'deploy', api: 'v2' as const, project: 'gh/acme/app' };

describe('createInterruption', () => {
  it('says nothing was sent when the signal comes before the plan', () => {
    expect(createInterruption().resultAt('SIGTERM')).toEqual({
      decision: 'failed',
      reason: 'interrupted by SIGTERM: nothing was sent',
      triggers: [],
      signal: 'SIGTERM',
    });
  });

  it('keeps the results known and marks the rest as possibly triggered', () => {
    const interruption = createInterruption();
    interruption.planned('two rules match', { sha: 'abc' }, [deploy, { ...deploy, rule: 'docs' }]);
    interruption.done({ ...deploy, status: 'skipped', reason: 'already triggered (--once)' });
    const result = interruption.resultAt('SIGINT');
    expect(result.decision).toBe('failed');
    expect(result.reason).toBe(
      'interrupted by SIGINT (two rules match): rule "docs" may have been triggered',
    );
    expect(result.triggers.map((t) => [t.rule, t.status])).toEqual([
      ['staging', 'skipped'],
      ['docs', 'failed'],
    ]);
  });
});

describe('untilSignal', () => {
  it('answers at once for a signal that came before', async () => {
    const controller = new AbortController();
    controller.abort('SIGTERM');
    const never = new Promise<string>(() => {});
    expect(await untilSignal(never, controller.signal, (name) => `stopped by ${name}`)).toBe(
      'stopped by SIGTERM',
    );
  });

  it('is the work itself without a signal', async () => {
    expect(await untilSignal(Promise.resolve('done'), undefined, () => 'stopped')).toBe('done');
  });
});
