/**
 * The headers of every API request, in one table: send-once.ts sends them and render-request.ts
 * prints them for `--dry-run`, the token then shown as `***`. The HTTP client adds Host,
 * Content-Length, Accept-Encoding and Connection.
 * See ARCHITECTURE.md, "One source for each meaning".
 */

/** The User-Agent of every request, as sent and as `--dry-run` prints it. */
export function userAgentOf(version: string | undefined): string {
  return `cci-conditional/${version ?? 'unknown'}`;
}

/** In the order they are sent; `token` is the token's value, or `***` to print it. */
export function requestHeaders(token: string, userAgent: string): Record<string, string> {
  return {
    'Circle-Token': token,
    // CircleCI ignores the body without it (v2) and answers in EDN without Accept (v1.1).
    'Content-Type': 'application/json',
    Accept: 'application/json',
    'User-Agent': userAgent,
  };
}
