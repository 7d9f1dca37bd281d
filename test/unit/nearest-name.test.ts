import { describe, expect, it } from 'vitest';
import { nearestName, typoEdits } from '../../src/core/nearest-name.js';

const OPTIONS = [
  'rules',
  'json',
  'dry-run',
  'once',
  'wait',
  'wait-timeout',
  'wait-for-nodes',
  'timeout',
];

describe('nearestName', () => {
  it.each([
    ['DRY-RUN', 'dry-run'],
    ['dryRun', 'dry-run'],
    ['DRYRUN', 'dry-run'],
    ['dry_run', 'dry-run'],
    ['dryrn', 'dry-run'],
    ['rule', 'rules'],
    ['WAIT_TIMOUT', 'wait-timeout'],
    ['waitfornode', 'wait-for-nodes'],
    ['ONE', 'once'],
    ['jsn', 'json'],
  ])('leads %s to %s', (name, nearest) => {
    expect(nearestName(name, OPTIONS)).toBe(nearest);
  });

  it('takes the first of candidates at the same distance', () => {
    expect(nearestName('ab', ['ax', 'xb'])).toBe('ax');
  });

  it('has nothing to offer without candidates', () => {
    expect(nearestName('x', [])).toBeUndefined();
  });
});

describe('nearestName with a bound', () => {
  it.each([
    ['dryrn', 'dry-run'],
    ['DRY-RUN', 'dry-run'],
    ['waittimout', 'wait-timeout'],
    ['bogus', undefined],
    ['x', undefined],
    ['frobnicate', undefined],
  ])('leads %s to %s within a typo', (name, nearest) => {
    expect(nearestName(name, OPTIONS, typoEdits(name))).toBe(nearest);
  });
});
