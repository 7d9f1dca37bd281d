import { describe, expect, it } from 'vitest';
import { createScrubber } from '../../src/cli/scrub-secrets.js';

/** A scrubber that knows `secrets`, writing into the returned array. */
function scrubbed(secrets: string[]) {
  const written: string[] = [];
  const scrubber = createScrubber();
  for (const secret of secrets) scrubber.add(secret);
  const sink = scrubber.wrap({ write: (text) => written.push(text) });
  return { written, sink, scrubber };
}

describe('createScrubber', () => {
  it.each([
    ['the token as is', 'token abcd1234efgh in a line', 'token *** in a line'],
    ['every occurrence', 'abcd1234efgh/abcd1234efgh', '***/***'],
    ['a token in a header line', 'Circle-Token: abcd1234efgh\n', 'Circle-Token: ***\n'],
    ['nothing else', 'no secret here', 'no secret here'],
  ])('hides %s', (_, text, expected) => {
    const { written, sink } = scrubbed(['abcd1234efgh']);
    sink.write(text);
    expect(written).toEqual([expected]);
  });

  it.each([
    ['JSON-escaped', 'a"b\\c/d', JSON.stringify({ token: 'a"b\\c/d' }), '{"token":"***"}'],
    [
      'URL-encoded',
      'tok en/+=',
      `https://x/?t=${encodeURIComponent('tok en/+=')}`,
      'https://x/?t=***',
    ],
    ['raw, with characters JSON escapes', 'a"b\\c/d', 'token=a"b\\c/d;', 'token=***;'],
    [
      'JSON-escaped twice (a JSON message quoted in a JSON log line)',
      'a"b\\c/d',
      JSON.stringify({ msg: JSON.stringify({ token: 'a"b\\c/d' }) }),
      JSON.stringify({ msg: '{"token":"***"}' }),
    ],
    ['with its line break, JSON-escaped', 'tok-en\n', JSON.stringify('x tok-en\n'), '"x ***"'],
  ])('hides a token written %s', (_, secret, text, expected) => {
    const { written, sink } = scrubbed([secret]);
    sink.write(text);
    expect(written).toEqual([expected]);
  });

  it('hides every secret it was given', () => {
    const { written, sink } = scrubbed(['first-secret', 'second-secret']);
    sink.write('first-secret and second-secret');
    expect(written).toEqual(['*** and ***']);
  });

  it('hides secrets added after the sink was wrapped', () => {
    const { written, sink, scrubber } = scrubbed([]);
    sink.write('before abcd1234\n');
    scrubber.add('abcd1234');
    sink.write('after abcd1234\n');
    expect(written).toEqual(['before abcd1234\n', 'after ***\n']);
  });

  it('leaves values shorter than 4 characters alone, they are too common to hide', () => {
    const { written, sink } = scrubbed(['abc', '']);
    sink.write('abc abcd');
    expect(written).toEqual(['abc abcd']);
  });

  it('hides a value of exactly 4 characters', () => {
    const { written, sink } = scrubbed(['abcd']);
    sink.write('abcde');
    expect(written).toEqual(['***e']);
  });

  it('wraps several sinks with the same secrets', () => {
    const scrubber = createScrubber();
    scrubber.add('abcd1234');
    const out: string[] = [];
    const err: string[] = [];
    scrubber.wrap({ write: (text) => out.push(text) }).write('o abcd1234');
    scrubber.wrap({ write: (text) => err.push(text) }).write('e abcd1234');
    expect([out, err]).toEqual([['o ***'], ['e ***']]);
  });
});
