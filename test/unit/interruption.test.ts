import { describe, expect, it } from 'vitest';
import { createInterruption, untilSignal } from '../../src/cli/interruption.js';
import type { TriggerResult } from '../../src/core/run-result.js';

const deploy = { rule: 'staging', job: 'deploy', api: 'v2' as const, project: 'gh/acme/app' };
const docs = { ...deploy, rule: 'docs' };
const pipeline = { id: '5034460f-c7c4-4c43-9457-de07e2029e7b', number: 42 };
const triggered: TriggerResult = { ...deploy, status: 'triggered', pipeline };
const NOT_SENT = 'interrupted by SIGTERM before it was sent: nothing was sent for it';
const MAY_HAVE =
  'interrupted by SIGTERM before its outcome was known: a request may have reached CircleCI; check there before rerunning';

describe('createInterruption', () => {
  it('says nothing was sent when the signal comes before the plan', () => {
    expect(createInterruption().resultAt('SIGTERM')).toEqual({
      decision: 'failed',
      reason: 'interrupted by SIGTERM: nothing was sent',
      triggers: [],
      signal: 'SIGTERM',
    });
  });

  it('says nothing was sent when the signal comes before the first request that acts', () => {
    const interruption = createInterruption();
    interruption.planned('two rules match', { sha: 'abc' }, [deploy, docs]);
    expect(interruption.resultAt('SIGTERM')).toEqual({
      decision: 'failed',
      reason: 'interrupted by SIGTERM (two rules match): nothing was sent',
      sha: 'abc',
      triggers: [
        { ...deploy, status: 'failed', reason: NOT_SENT },
        { ...docs, status: 'failed', reason: NOT_SENT },
      ],
      signal: 'SIGTERM',
    });
  });

  it('says a request may have landed when it went out without an answer', () => {
    const interruption = createInterruption();
    interruption.planned('two rules match', { sha: 'abc' }, [deploy, docs]);
    interruption.done(0, { ...deploy, status: 'skipped', reason: 'already triggered (--once)' });
    interruption.sending(1);
    const result = interruption.resultAt('SIGTERM');
    expect(result.decision).toBe('failed');
    expect(result.reason).toBe(
      'interrupted by SIGTERM (two rules match): rule "docs" may have been triggered',
    );
    expect(result.triggers).toEqual([
      { ...deploy, status: 'skipped', reason: 'already triggered (--once)' },
      { ...docs, status: 'failed', reason: MAY_HAVE },
    ]);
  });

  it('reports an accepted trigger as triggered, with its pipeline, before its read-back ended', () => {
    const interruption = createInterruption();
    interruption.planned('two rules match', { sha: 'abc' }, [deploy, docs]);
    interruption.sending(0);
    interruption.accepted(0, triggered);
    const result = interruption.resultAt('SIGINT');
    expect(result.decision).toBe('triggered');
    expect(result.reason).toBe(
      'interrupted by SIGINT (two rules match): rule "staging" triggered; rule "docs" was not sent',
    );
    expect(result.triggers).toEqual([
      triggered,
      { ...docs, status: 'failed', reason: NOT_SENT.replace('SIGTERM', 'SIGINT') },
    ]);
  });

  it('keeps what a finished action said after its acceptance', () => {
    const interruption = createInterruption();
    interruption.planned('one rule matches', {}, [deploy]);
    interruption.sending(0);
    interruption.accepted(0, triggered);
    const errored = { ...triggered, reason: 'pipeline 42 errored' };
    interruption.done(0, errored);
    expect(interruption.resultAt('SIGTERM').triggers).toEqual([errored]);
  });

  it('tells each acceptance at once, with what the run has triggered so far', () => {
    const told: unknown[] = [];
    const interruption = createInterruption({ onAccepted: (result) => told.push(result) });
    interruption.planned('two rules match', { sha: 'abc' }, [deploy, docs]);
    interruption.sending(0);
    interruption.accepted(0, triggered);
    expect(told).toEqual([
      { decision: 'triggered', reason: 'two rules match', sha: 'abc', triggers: [triggered] },
    ]);
  });

  it('lets nothing more go out once a signal came', () => {
    const controller = new AbortController();
    const interruption = createInterruption({ signal: controller.signal });
    interruption.planned('one rule matches', {}, [deploy]);
    controller.abort('SIGTERM');
    expect(() => interruption.sending(0)).toThrow('interrupted by SIGTERM: not sending');
    expect(interruption.resultAt('SIGTERM').reason).toBe(
      'interrupted by SIGTERM (one rule matches): nothing was sent',
    );
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
