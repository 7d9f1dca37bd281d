import { describe, expect, it } from 'vitest';
import { withoutBom } from '../../src/core/without-bom.js';

describe('withoutBom', () => {
  it.each([
    ['\uFEFF{"rules":[]}', '{"rules":[]}'],
    ['{"rules":[]}', '{"rules":[]}'],
    ['\uFEFF', ''],
    ['', ''],
    // only the first: a second one is the file's own text
    ['\uFEFF\uFEFFversion: 2.1', '\uFEFFversion: 2.1'],
    ['version: 2.1\uFEFF', 'version: 2.1\uFEFF'],
  ])('%j → %j', (text, expected) => {
    expect(withoutBom(text)).toBe(expected);
  });
});
