import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractSubset, SOURCE, SUBSET, USED_OPERATIONS } from '../scripts/extract-openapi.js';

// CircleCI's full published document, kept beside the repository when the extract is
// refreshed; a fresh clone does not have it.
const hasFullDocument = existsSync(SOURCE);
const subset = JSON.parse(readFileSync(SUBSET, 'utf8'));

describe('the OpenAPI subset in test/fixtures', () => {
  it.skipIf(!hasFullDocument)(
    "is exactly what scripts/extract-openapi.js extracts from CircleCI's published document",
    () => {
      const fullDocument = JSON.parse(readFileSync(SOURCE, 'utf8'));
      expect(subset).toEqual(extractSubset(fullDocument));
    },
  );

  it('names its origin: the CircleCI SDK repository, file, commit and license', () => {
    expect(subset['x-source']).toMatchObject({
      repository: 'https://github.com/CircleCI-Public/circleci-sdk-go',
      path: 'swagger/api/openapi.json',
      commit: 'f784006a691a8b52f7199ea794d2b91b56b352c9',
      license: 'Apache License 2.0',
      copyright: 'Copyright Circle Internet Services, Inc.',
    });
  });

  it('holds every operation the project uses and no other', () => {
    const operations = Object.entries(subset.paths).flatMap(([path, item]) =>
      Object.keys(item as object)
        .filter((key) => key !== 'parameters')
        .map((method) => `${method} ${path}`),
    );
    const used = Object.entries(USED_OPERATIONS).flatMap(([path, methods]) =>
      methods.map((method) => `${method} ${path}`),
    );
    expect(operations.sort()).toEqual(used.sort());
  });

  it('resolves every $ref inside itself', () => {
    const refs = JSON.stringify(subset).matchAll(/"\$ref":"#\/([^"]+)"/g);
    for (const [, pointer = ''] of refs) {
      const target = pointer.split('/').reduce((node, key) => node?.[key], subset);
      expect(target, pointer).toBeDefined();
    }
  });
});
