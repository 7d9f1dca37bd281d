/**
 * Values from outside (branch names, tags, patterns, API messages) printed inside one line: with
 * control characters escaped, so that none can end the line or colour the terminal and thereby
 * forge a log line, and cut to a length, so that a huge value cannot drown the message.
 */

/** Longest value quoted in full; longer ones keep their start and say how long they were. */
export const MAX_QUOTED_LENGTH = 200;

// C0, DEL and C1 controls (Cc), line and paragraph separators, and bidirectional overrides.
const CONTROL = /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/** Escapes control characters as `\n` or `\u001b`, the way JSON writes them. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (char) => {
    const json = JSON.stringify(char).slice(1, -1);
    return json.length > 1 ? json : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** `"value"` as JSON writes it, cut after MAX_QUOTED_LENGTH characters: `"valu…" (5000 characters)`. */
export function quote(value: string, max = MAX_QUOTED_LENGTH): string {
  if (value.length <= max) return escapeControls(JSON.stringify(value));
  return `${escapeControls(JSON.stringify(value.slice(0, max)).slice(0, -1))}…" (${value.length} characters)`;
}

/** Longest message of a log or error line; the rest is cut, saying how long it was. */
export const MAX_LINE_LENGTH = 2000;

/** A message as one line of plain text: controls escaped, cut after MAX_LINE_LENGTH. */
export function oneLine(message: string): string {
  const cut =
    message.length > MAX_LINE_LENGTH
      ? `${message.slice(0, MAX_LINE_LENGTH)}… (${message.length} characters)`
      : message;
  return escapeControls(cut);
}

/** JSON on one line, with the controls JSON leaves as they are (C1, line separators) escaped too. */
export function jsonLine(value: unknown): string {
  return escapeControls(JSON.stringify(value));
}

/** A key as part of a place (`rules[0].parameters.KEY`): escaped, and cut like a quoted value. */
export function keyText(key: string): string {
  const text = escapeControls(key);
  return key.length <= MAX_QUOTED_LENGTH
    ? text
    : `${escapeControls(key.slice(0, MAX_QUOTED_LENGTH))}…`;
}

/** A commit as git shows it in one line: its first 7 characters. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}
