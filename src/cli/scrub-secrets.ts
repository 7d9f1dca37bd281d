/**
 * The last line of defence for the API token: every byte the CLI writes passes through here and
 * any occurrence of a secret becomes `***`. The code never logs the token in the first place.
 */
import type { TextSink } from './logger.js';

export interface Scrubber {
  /** adds a secret to hide from now on (values shorter than 4 characters are too common to hide) */
  add(secret: string): void;
  /** a sink that writes to `sink` with every secret hidden */
  wrap(sink: TextSink): TextSink;
}

export function createScrubber(): Scrubber {
  const secrets: string[] = [];
  const scrub = (text: string) =>
    secrets.reduce((out, secret) => out.split(secret).join('***'), text);
  return {
    add(secret) {
      if (secret.length < 4) return;
      // The token could also appear JSON-escaped (in a JSON log line, or a JSON message
      // quoted again in one) or URL-encoded.
      const escaped = JSON.stringify(secret).slice(1, -1);
      for (const form of [
        secret,
        escaped,
        JSON.stringify(escaped).slice(1, -1),
        encodeURIComponent(secret),
      ]) {
        if (!secrets.includes(form)) secrets.push(form);
      }
      // Longest first, so that no part of a longer form survives a shorter one's replacement.
      secrets.sort((a, b) => b.length - a.length);
    },
    wrap(sink) {
      return { write: (text: string) => sink.write(scrub(String(text))) };
    },
  };
}
