import { describe, expect, it } from 'vitest';
import { inspectAnswers } from '../../src/doctor/inspect-answers.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
/** An OAuth pipeline as CircleCI lists it (ARCHITECTURE.md, "What CircleCI answers"). */
const oauth = {
  id: '5034460f-c7c4-4c43-9457-de07e2029e7b',
  created_at: '2026-11-29T10:00:00.000Z',
  trigger: { type: 'api', received_at: '2026-11-29T10:00:00.000Z', actor: { login: 'bot' } },
  vcs: { branch: 'main', revision: SHA },
};
/** A pipeline-definition run: namespaced git context, no vcs block. */
const definitionRun = {
  created_at: '2026-11-29T10:00:00.000Z',
  trigger: { type: 'api', actor: { login: 'bot' } },
  trigger_parameters: { git: { tag: 'v1.0.0', checkout_sha: SHA } },
};
const BRANCH = 'branch or tag (in vcs or trigger_parameters.git)';
const COMMIT = 'commit (in vcs or trigger_parameters.git)';

describe('inspectAnswers', () => {
  it.each<[string, unknown[], { sign: string; count: number }[]]>([
    ['an OAuth pipeline', [oauth], []],
    ['a pipeline-definition run without vcs', [definitionRun], []],
    ['a tag pipeline', [{ ...oauth, vcs: { tag: 'v1', revision: SHA } }], []],
    ['no pipelines', [], []],
    [
      'no actor login',
      [{ ...oauth, trigger: { type: 'api', actor: {} } }],
      [{ sign: 'trigger.actor.login', count: 1 }],
    ],
    [
      'an empty login',
      [{ ...oauth, trigger: { type: 'api', actor: { login: '' } } }],
      [{ sign: 'trigger.actor.login', count: 1 }],
    ],
    [
      'no trigger at all',
      [{ ...oauth, trigger: undefined }],
      [
        { sign: 'trigger.type', count: 1 },
        { sign: 'trigger.actor.login', count: 1 },
      ],
    ],
    [
      'no created_at, twice',
      [
        { ...oauth, created_at: undefined },
        { ...oauth, created_at: 7 },
      ],
      [{ sign: 'created_at', count: 2 }],
    ],
    [
      'neither vcs nor git context',
      [{ ...oauth, vcs: undefined }],
      [
        { sign: BRANCH, count: 1 },
        { sign: COMMIT, count: 1 },
      ],
    ],
    [
      'a vcs block without revision',
      [{ ...oauth, vcs: { branch: 'main' } }],
      [{ sign: COMMIT, count: 1 }],
    ],
    [
      'git context without checkout_sha',
      [{ ...definitionRun, trigger_parameters: { git: { branch: 'x' } } }],
      [{ sign: COMMIT, count: 1 }],
    ],
    [
      'something that is not an object',
      [null, 'x'],
      [
        { sign: 'trigger.type', count: 2 },
        { sign: 'trigger.actor.login', count: 2 },
        { sign: 'created_at', count: 2 },
        { sign: BRANCH, count: 2 },
        { sign: COMMIT, count: 2 },
      ],
    ],
  ])('finds in %s the missing signs %j', (_, items, missing) => {
    expect(inspectAnswers(items).missing).toEqual(missing);
  });

  it('lists field names 3 levels deep, sorted, never a value', () => {
    const deep = {
      ...definitionRun,
      trigger_parameters: { git: { branch: 'main', nested: { secret: 'x' } } },
    };
    const { fields, pipelines } = inspectAnswers([oauth, deep]);
    expect(pipelines).toBe(2);
    expect(fields).toEqual([
      'created_at',
      'id',
      'trigger',
      'trigger.actor',
      'trigger.actor.login',
      'trigger.received_at',
      'trigger.type',
      'trigger_parameters',
      'trigger_parameters.git',
      'trigger_parameters.git.branch',
      'trigger_parameters.git.nested',
      'vcs',
      'vcs.branch',
      'vcs.revision',
    ]);
    expect(JSON.stringify(fields)).not.toMatch(/main|bot|secret|0123/);
  });

  it('does not take an inherited property for a sign', () => {
    const sneaky = Object.create({ created_at: 'x' });
    Object.assign(sneaky, { ...oauth, created_at: undefined });
    delete sneaky.created_at;
    expect(inspectAnswers([sneaky]).missing).toEqual([{ sign: 'created_at', count: 1 }]);
  });
});
