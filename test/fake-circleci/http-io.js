// @ts-check
// Small HTTP helpers: reading bodies, answering, CircleCI-style errors and paging.
import { STATUS_CODES } from 'node:http';

/** @typedef {import('./types.js').Reply} Reply */

/**
 * @param {import('node:http').IncomingMessage} request
 * @returns {Promise<string>}
 */
export async function readBody(request) {
  /** @type {Buffer[]} */
  const chunks = [];
  for await (const chunk of request) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * JSON.parse that tells "no body" (undefined) apart from "not JSON" (`invalid: true`).
 * @param {string} text
 * @returns {{value: unknown, invalid: boolean}}
 */
export function parseJson(text) {
  if (text.trim() === '') return { value: undefined, invalid: false };
  try {
    return { value: JSON.parse(text), invalid: false };
  } catch {
    return { value: undefined, invalid: true };
  }
}

/**
 * @param {import('node:http').ServerResponse} response
 * @param {Reply} reply
 */
export function sendReply(response, reply) {
  const text = reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body));
  const contentType = reply.contentType ?? 'application/json; charset=utf-8';
  response.writeHead(reply.status, { 'content-type': contentType, ...reply.headers });
  response.end(text);
}

/**
 * CircleCI answers every error as `{"message": "..."}`.
 * @param {number} status
 * @param {string} [message] default: the status text
 * @returns {Reply}
 */
export function message(status, message = STATUS_CODES[status] ?? 'Error') {
  return { status, body: { message } };
}

/**
 * @param {number} status
 * @param {unknown} body
 * @returns {Reply}
 */
export function json(status, body) {
  return { status, body };
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
export function isPlainObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * One page of a v2 list, `{items, next_page_token}`. The token is opaque to clients; here it
 * encodes the offset of the next page.
 * @param {unknown[]} items the whole list, already in answer order
 * @param {string | undefined} pageToken the `page-token` query parameter
 * @param {number} pageSize
 * @returns {Reply}
 */
export function pagedReply(items, pageToken, pageSize) {
  const offset = pageToken ? decodePageToken(pageToken) : 0;
  if (offset === undefined) return message(400, 'Invalid page-token.');
  const end = offset + pageSize;
  const next_page_token = end < items.length ? encodePageToken(end) : null;
  return json(200, { items: items.slice(offset, end), next_page_token });
}

/** @param {number} offset */
function encodePageToken(offset) {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

/**
 * @param {string} token
 * @returns {number | undefined}
 */
function decodePageToken(token) {
  const match = /^offset:(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}

/**
 * @param {string} text
 * @returns {string} the text percent-decoded, or unchanged when it is not valid percent-encoding
 */
export function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** @returns {string} */
export function now() {
  return new Date().toISOString();
}
