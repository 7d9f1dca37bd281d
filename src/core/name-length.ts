/**
 * Branch and tag names are chosen by whoever can push; every pattern is bounded in time for
 * names up to this length (git itself takes names far longer), so longer ones are refused. Pure.
 */
import { UsageError } from '../base/errors.js';
import type { GitRef } from './read-context.js';

export const MAX_NAME_BYTES = 1000;

/** Throws for a name longer than MAX_NAME_BYTES in UTF-8; `from` names where it came from. */
export function checkNameLength(ref: GitRef, from: string): void {
  // A UTF-16 code unit takes at most 3 bytes: most names need no count.
  if (ref.name.length * 3 <= MAX_NAME_BYTES) return;
  const bytes = utf8Length(ref.name);
  if (bytes <= MAX_NAME_BYTES) return;
  throw new UsageError(
    `${from} is ${bytes} bytes long: branch and tag names longer than ${MAX_NAME_BYTES} bytes are refused, so that no name can make matching slow`,
  );
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLow(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

const isLow = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;
