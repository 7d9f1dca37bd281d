import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/base/errors.js';
import { apiPaths } from '../../src/circleci/api-paths.js';

describe('paths', () => {
  it('encodes each name on its own', () => {
    expect(
      apiPaths.v1BranchTrigger({ provider: 'gh', org: 'acme', repo: 'app' }, 'feature/x'),
    ).toBe('/api/v1.1/project/github/acme/app/tree/feature%2Fx');
  });

  it.each([
    [() => apiPaths.v2Trigger({ provider: 'gh', org: '..', repo: 'app' }), '".."'],
    [() => apiPaths.v2Trigger({ provider: 'circleci', org: 'o', repo: '.' }), '"."'],
    [() => apiPaths.v1BranchTrigger({ provider: 'bb', org: 'o', repo: 'r' }, '..'), '".."'],
  ])('refuses . and .. as a part, whatever let them through (%#)', (build, name) => {
    expect(build).toThrow(new UsageError(`${name} cannot be part of an API path`));
  });
});
