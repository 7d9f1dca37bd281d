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

  describe('pieces of a token, as cuts leave them', () => {
    const TOKEN = 'CCIPAT_0123456789abcdefghijKLMN';

    it.each([
      ['a piece of 8 characters at the end of a cut line', `x: ${TOKEN.slice(0, 8)}`, 'x: ***'],
      ['a piece of 8 characters from the middle', `a ${TOKEN.slice(9, 17)} b`, 'a *** b'],
      ['the end of the token, where a cut began', `…${TOKEN.slice(-12)} rest`, '…*** rest'],
      ['its start before a cut, from 4 characters', `said "${TOKEN.slice(0, 5)}…"`, 'said "***…"'],
      ['a piece inside a longer word', `zz${TOKEN.slice(3, 20)}zz`, 'zz***zz'],
    ])('hides %s', (_, text, expected) => {
      const { written, sink } = scrubbed([TOKEN]);
      sink.write(text);
      expect(written).toEqual([expected]);
    });

    it.each([
      ['a piece of 7 characters away from a cut', `a ${TOKEN.slice(9, 16)} b`],
      ['its first 3 characters before a cut', `"${TOKEN.slice(0, 3)}…"`],
      ['its start before a cut when it does not end there', `${TOKEN.slice(0, 5)}x…`],
    ])('leaves %s, too short to say anything', (_, text) => {
      const { written, sink } = scrubbed([TOKEN]);
      sink.write(text);
      expect(written).toEqual([text]);
    });

    it.each([1, 2, 3, 4])(
      'hides a token with " and \\ escaped %i times, whole or in pieces',
      (times) => {
        const token = 'CCIPAT_"quoted\\back/slash_0123456789';
        let text = token;
        for (let i = 0; i < times; i++) text = JSON.stringify(text).slice(1, -1);
        const { written, sink } = scrubbed([token]);
        sink.write(`[${text}] [${text.slice(0, 20)}…] [${text.slice(-10)}]`);
        // a cut inside an escape (`\…`) takes the `…` along
        expect(written[0]).toMatch(/^\[\*\*\*\] \[\*\*\*…?\] \[\*\*\*\]$/);
      },
    );

    it.each([
      ['URL-encoded with lower-case hex', encodeURIComponent('a/b+c=d_0123').toLowerCase()],
      ['form-encoded', new URLSearchParams({ t: "a b!'()*~_0123" }).toString().slice(2)],
    ])('hides a token %s', (_, text) => {
      const token = text.startsWith('a%2f') ? 'a/b+c=d_0123' : "a b!'()*~_0123";
      const { written, sink } = scrubbed([token]);
      sink.write(`?circle-token=${text}&x=1`);
      expect(written).toEqual(['?circle-token=***&x=1']);
    });

    it('keeps a JSON line JSON when a piece starts or ends inside an escape', () => {
      const token = 'ab"cdefghij\\klmnop';
      const line = JSON.stringify({ cut: `x${token.slice(2, 12)}`, end: `${token.slice(7)}"` });
      const { written, sink } = scrubbed([token]);
      sink.write(line);
      const parsed = JSON.parse(written[0] ?? '');
      expect(parsed).toEqual({ cut: 'x***', end: '***"' });
    });
  });
});
