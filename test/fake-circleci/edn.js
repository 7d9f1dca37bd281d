// @ts-check
// API v1.1 answers in Clojure EDN unless the request says `Accept: application/json`: clients
// that forget the header get text that JSON.parse rejects. Good enough to reproduce that trap.

/**
 * @param {unknown} value JSON-like value
 * @returns {string} EDN text, e.g. `{:build_num 100, :branch nil}`
 */
export function toEdn(value) {
  if (value === null || value === undefined) return 'nil';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(toEdn).join(' ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => `:${key} ${toEdn(item)}`);
    return `{${entries.join(', ')}}`;
  }
  return 'nil';
}
