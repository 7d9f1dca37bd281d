// @ts-check
// Validates request and response bodies against CircleCI's own OpenAPI schemas (the subset in
// test/fixtures, see scripts/extract-openapi.js), so the fake and the client cannot drift from
// the real API's shapes. Plain JS: usable from vitest and from plain node.
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';

/**
 * @typedef {Record<string, any>} Json
 */

const SUBSET = new URL('../fixtures/circleci-openapi-v2.subset.json', import.meta.url);
const DOCUMENT_ID = 'circleci-openapi-v2';

/** Formats the subset uses that are worth checking; the others (int64, ...) are accepted as is. */
const CHECKED_FORMATS = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
};

/** @type {{document: Json, ajv: Ajv} | undefined} */
let loaded;

/**
 * Problems of a request body, e.g. `validateRequestBody('/project/{project-slug}/pipeline',
 * 'post', body)`. Paths are the OpenAPI templates, without the `/api/v2` prefix.
 * @param {string} pathTemplate
 * @param {string} method
 * @param {unknown} body
 * @returns {string[]} readable problems; empty when valid
 */
export function validateRequestBody(pathTemplate, method, body) {
  const operation = ['paths', pathTemplate, method.toLowerCase()];
  const requestBody = resolve([...operation, 'requestBody']);
  if (!requestBody) return [`${locationText(operation)} has no request body schema`];
  return validate([...requestBody, 'content', 'application/json', 'schema'], body);
}

/**
 * Problems of a response body; a status the operation does not list uses its `default` response.
 * @param {string} pathTemplate
 * @param {string} method
 * @param {number} status
 * @param {unknown} body
 * @returns {string[]} readable problems; empty when valid
 */
export function validateResponseBody(pathTemplate, method, status, body) {
  const operation = ['paths', pathTemplate, method.toLowerCase()];
  const response =
    resolve([...operation, 'responses', String(status)]) ??
    resolve([...operation, 'responses', 'default']);
  if (!response) return [`${locationText(operation)} has no response ${status}`];
  return validate([...response, 'content', 'application/json', 'schema'], body);
}

/**
 * @param {string[]} location path of a schema inside the document
 * @param {unknown} value
 * @returns {string[]}
 */
function validate(location, value) {
  const { ajv } = load();
  if (valueAt(location) === undefined) return [`no JSON schema at ${locationText(location)}`];
  const ref = `${DOCUMENT_ID}#/${location.map(escapePointer).map(encodeURIComponent).join('/')}`;
  const check = ajv.getSchema(ref) ?? ajv.compile({ $ref: ref });
  if (check(value)) return [];
  return (check.errors ?? []).map(readableError);
}

/**
 * The location of the object at `location`, following a `$ref` (responses and request bodies
 * may be references to `#/components/...`).
 * @param {string[]} location
 * @returns {string[] | undefined} undefined when nothing is there
 */
function resolve(location) {
  const value = valueAt(location);
  if (value === undefined) return undefined;
  if (typeof value.$ref !== 'string') return location;
  return resolve(value.$ref.replace(/^#\//, '').split('/').map(unescapePointer));
}

/**
 * @param {string[]} location
 * @returns {Json | undefined}
 */
function valueAt(location) {
  /** @type {Json | undefined} */
  let value = load().document;
  for (const key of location) value = value?.[key];
  return value;
}

/** @param {import('ajv').ErrorObject} error */
function readableError(error) {
  const where = error.instancePath || '(body)';
  const { additionalProperty, allowedValues } = error.params;
  if (additionalProperty) return `${where} ${error.message}: ${additionalProperty}`;
  if (allowedValues) return `${where} ${error.message}: ${allowedValues.join(', ')}`;
  return `${where} ${error.message}`;
}

function load() {
  if (loaded) return loaded;
  const document = toJsonSchemaNullable(JSON.parse(readFileSync(SUBSET, 'utf8')));
  // strict: false so OpenAPI keywords ajv does not know (example, x-*) are ignored.
  const ajv = new Ajv({ strict: false, allErrors: true, formats: formatsOf(document) });
  ajv.addSchema(document, DOCUMENT_ID);
  loaded = { document, ajv };
  return loaded;
}

/**
 * OpenAPI marks nullable fields with `nullable: true` (CircleCI writes `x-nullable: true`),
 * which JSON Schema does not know: turn them into `type: [t, 'null']` so `null` validates.
 * @param {unknown} value
 * @returns {any}
 */
function toJsonSchemaNullable(value) {
  if (Array.isArray(value)) return value.map(toJsonSchemaNullable);
  if (typeof value !== 'object' || value === null) return value;
  /** @type {Json} */
  const copy = Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, toJsonSchemaNullable(item)]),
  );
  const nullable = copy['x-nullable'] === true || copy.nullable === true;
  if (nullable && typeof copy.type === 'string') copy.type = [copy.type, 'null'];
  if (nullable && Array.isArray(copy.enum)) copy.enum = [...copy.enum, null];
  return copy;
}

/**
 * Every format the document names: checked ones get their pattern, others are accepted, so
 * ajv neither fails nor warns on them.
 * @param {Json} document
 * @returns {Record<string, RegExp | true>}
 */
function formatsOf(document) {
  /** @type {Record<string, RegExp | true>} */
  const formats = {};
  const names = JSON.stringify(document).matchAll(/"format":"([^"]+)"/g);
  for (const [, name = ''] of names) formats[name] = true;
  return { ...formats, ...CHECKED_FORMATS };
}

/** @param {string} key */
function escapePointer(key) {
  return key.replaceAll('~', '~0').replaceAll('/', '~1');
}

/** @param {string} key */
function unescapePointer(key) {
  return key.replaceAll('~1', '/').replaceAll('~0', '~');
}

/** @param {string[]} location */
function locationText(location) {
  return location.join(' ');
}
