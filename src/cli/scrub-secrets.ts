/**
 * The last line of defence for the API token: every byte the CLI writes (stdout, stderr,
 * $BASH_ENV) passes through here and the token becomes `***`, whole or in pieces. The code never
 * logs the token in the first place, but values that hold it (an API message that echoes it, a
 * URL with `?circle-token=`) are cut to a length in many places before they reach an output: so
 * what is hidden is every piece of 8 characters or more, wherever it stands, and the start of the
 * token, from 4 characters, where a cut ends (cuts end with `…`).
 * See ARCHITECTURE.md, "Scrubbing secrets".
 */
import type { TextSink } from '../base/io.js';

export interface Scrubber {
  /** adds a secret to hide from now on (values shorter than 4 characters are too common to hide) */
  add(secret: string): void;
  /** the text with every secret, and every piece of one, hidden */
  scrub(text: string): string;
  /** a sink that writes to `sink` with every secret hidden */
  wrap(sink: TextSink): TextSink;
}

/** Shorter pieces of a token stand only for themselves; longer ones are hidden anywhere. */
export const PIECE_LENGTH = 8;
const MIN_SECRET_LENGTH = 4;
/** The mark every cut of this code leaves (quote.ts, the API's messages). */
const CUT = '…';

const escaped = (text: string) => JSON.stringify(text).slice(1, -1);

/**
 * The ways a value is written where it can end up: as is; JSON-escaped up to four times (an API
 * message that echoes it escaped, quoted in an error, in a JSON log line, in `--json`);
 * URL-encoded as encodeURIComponent and as a form does it, with upper- or lower-case hex.
 */
export function formsOf(secret: string): string[] {
  const forms = [secret];
  for (let i = 0; i < 4; i++) forms.push(escaped(forms[forms.length - 1] ?? ''));
  const component = encodeURIComponent(secret);
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  for (const url of [component, form]) forms.push(url, url.replace(/%[0-9A-F]{2}/g, lower));
  return [...new Set(forms)];
}

const lower = (hex: string) => hex.toLowerCase();

export function createScrubber(): Scrubber {
  // Whole forms, longest first, so that no part of a longer one survives a shorter one's
  // replacement; every piece of PIECE_LENGTH of the forms that long; every form for the cuts.
  const whole: string[] = [];
  const pieces = new Set<string>();
  const scrub = (text: string): string => {
    if (whole.length === 0) return text;
    let out = text;
    for (const form of whole) if (out.includes(form)) out = out.split(form).join('***');
    return hidePieces(out, pieces, whole);
  };
  return {
    add(secret) {
      if (secret.length < MIN_SECRET_LENGTH) return;
      for (const form of formsOf(secret)) {
        if (whole.includes(form)) continue;
        whole.push(form);
        for (let at = 0; at + PIECE_LENGTH <= form.length; at++) {
          pieces.add(form.slice(at, at + PIECE_LENGTH));
        }
      }
      whole.sort((a, b) => b.length - a.length);
    },
    scrub,
    wrap(sink) {
      return { write: (text: string) => sink.write(scrub(String(text))) };
    },
  };
}

/** Every stretch of `text` covered by a piece, or by a form's start right before a cut. */
function hidePieces(text: string, pieces: ReadonlySet<string>, forms: readonly string[]): string {
  const spans: Array<[number, number]> = [];
  for (const piece of pieces) {
    for (let at = text.indexOf(piece); at >= 0; at = text.indexOf(piece, at + 1)) {
      spans.push([at, at + PIECE_LENGTH]);
    }
  }
  for (let cut = text.indexOf(CUT); cut >= 0; cut = text.indexOf(CUT, cut + 1)) {
    const start = cut - longestHeadBefore(text, cut, forms);
    if (start < cut) spans.push([start, cut]);
  }
  if (spans.length === 0) return text;
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let done = 0;
  let open: [number, number] | undefined;
  const close = () => {
    if (open === undefined) return;
    const [start, end] = widenToEscapes(text, open[0], open[1]);
    out += `${text.slice(done, Math.max(done, start))}***`;
    done = Math.max(done, end);
  };
  for (const span of spans) {
    if (open && span[0] <= open[1]) open[1] = Math.max(open[1], span[1]);
    else {
      close();
      open = [span[0], span[1]];
    }
  }
  close();
  return out + text.slice(done);
}

/** How many characters before `at` are the start of one of the forms (0 when fewer than 4). */
function longestHeadBefore(text: string, at: number, forms: readonly string[]): number {
  let longest = 0;
  for (const form of forms) {
    for (let length = Math.min(form.length, at); length > longest; length--) {
      if (length < MIN_SECRET_LENGTH) break;
      if (text.startsWith(form.slice(0, length), at - length)) {
        longest = length;
        break;
      }
    }
  }
  return longest;
}

/**
 * The span grown so that it neither starts nor ends inside a JSON escape (`\"`, `\\`, `\u001b`):
 * `--json` and JSON log lines stay JSON with a piece replaced.
 */
function widenToEscapes(text: string, start: number, end: number): [number, number] {
  let from = start;
  if (oddBackslashesBefore(text, from)) from--;
  let to = end;
  if (oddBackslashesBefore(text, to)) to += text[to] === 'u' ? 5 : 1;
  return [from, Math.min(to, text.length)];
}

function oddBackslashesBefore(text: string, at: number): boolean {
  let count = 0;
  for (let i = at - 1; i >= 0 && text[i] === '\\'; i--) count++;
  return count % 2 === 1;
}
