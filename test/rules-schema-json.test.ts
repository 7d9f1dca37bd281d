/**
 * The published JSON Schema (schema.json, generated from src/core/rules-schema.ts by scripts/schema.js)
 * and the runtime validator (parseRules) must agree: a file editors accept is one the CLI accepts.
 * Checks JSON Schema cannot express are listed as "runtime-only checks": the schema accepts those
 * files and the CLI rejects them, which is asserted explicitly so that a change on either side
 * shows up here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { rulesJsonSchema } from '../scripts/schema.js';
import { parseRules } from '../src/core/parse-rules.js';
import { rulesFileSchema } from '../src/core/rules-schema.js';
import { CONTRACT_EXAMPLE } from './unit/fixtures.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const schema = rulesJsonSchema(rulesFileSchema);
// The uuid format is also written as a pattern, which ajv checks. strictRequired would want the
// properties that anyOf branches require to be declared again inside each branch; parameter
// values are typed ["string", "number", "boolean"], a union ajv wants allowed explicitly.
const ajv = new Ajv2020({
  allErrors: true,
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
  formats: { uuid: true },
});
const schemaAccepts = ajv.compile(schema);

function runtimeAccepts(file: unknown): boolean {
  try {
    parseRules(JSON.stringify(file));
    return true;
  } catch {
    return false;
  }
}

const UUID = '5e4f1b2a-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
const deploy = { branches: ['main'], job: 'deploy' };
const rules = (...list: unknown[]) => ({ rules: list });

const valid: Array<[string, unknown]> = [
  ['the example with every kind of rule', CONTRACT_EXAMPLE],
  ['a branch rule', rules(deploy)],
  ['a tag rule', rules({ tags: ['v*'], job: 'release' })],
  ['a v2 rule with parameters and no job', rules({ branches: ['main'], parameters: { a: 1 } })],
  ['v2 values of every type', rules({ ...deploy, parameters: { s: 'x', n: 2, b: true } })],
  ['a v1.1 file', { api: 'v1.1', rules: [{ ...deploy, parameters: { DEPLOY_ENV: 'x' } }] }],
  ['an approve rule', rules({ branches: ['main'], approve: 'hold' })],
  ['an approve rule with empty parameters', rules({ tags: ['v*'], approve: 'h', parameters: {} })],
  ['match all', { match: 'all', rules: [deploy, deploy] }],
  ['shaParameter null', { shaParameter: null, jobParameter: 'job', rules: [deploy] }],
  ['a definitionId for the file', { definitionId: UUID, rules: [deploy] }],
  [
    'a definitionId of no RFC 4122 version, in capitals',
    { definitionId: '11111111-1111-1111-1111-ABCDEF111111', rules: [deploy] },
  ],
  ['dots inside org and repo names', rules({ ...deploy, project: 'gh/.org/repo..' })],
  ['another project', rules({ ...deploy, project: 'gh/acme/other' })],
  ['a branch rule with paths', rules({ ...deploy, paths: ['services/api/**', '!**/*.md'] })],
  [
    'another project addressed by ids, with its definitionId',
    rules({ ...deploy, project: 'circleci/org-id/project-id', definitionId: UUID }),
  ],
];

const invalid: Array<[string, unknown]> = [
  ['not an object', []],
  ['no rules', {}],
  ['empty rules', rules()],
  ['an unknown key', { ...rules(deploy), deployRules: [] }],
  ['an unknown rule key', rules({ ...deploy, branch: ['main'] })],
  ['a rule without branches or tags', rules({ job: 'deploy' })],
  ['a rule with nothing to do', rules({ branches: ['main'] })],
  ['a rule with only empty parameters', rules({ branches: ['main'], parameters: {} })],
  ['empty branches', rules({ branches: [], job: 'deploy' })],
  ['an empty pattern', rules({ branches: [''], job: 'deploy' })],
  ['branches as a string', rules({ branches: 'main', job: 'deploy' })],
  ['an empty name', rules({ ...deploy, name: '' })],
  ['an unknown api', { api: 'v3', rules: [deploy] }],
  ['an unknown match', { match: 'any', rules: [deploy] }],
  ['a null parameter', rules({ ...deploy, parameters: { a: null } })],
  ['an object parameter', rules({ ...deploy, parameters: { a: {} } })],
  ['a project that is no slug', rules({ ...deploy, project: 'github.com/org/repo' })],
  ['a definitionId that is no uuid', { definitionId: 'default', rules: [deploy] }],
  ['.. as the org of a project', rules({ ...deploy, project: 'gh/../repo' })],
  ['. as the repo of a project', rules({ ...deploy, project: 'gh/org/.' })],
  ['__proto__ as a parameter', rules({ ...deploy, parameters: { ['__proto__']: 'x' } })],
  ['constructor as a parameter', rules({ ...deploy, parameters: { constructor: 'x' } })],
  ['__proto__ as the jobParameter', { jobParameter: '__proto__', rules: [deploy] }],
  ['prototype as the shaParameter', { shaParameter: 'prototype', rules: [deploy] }],
  ['an empty jobParameter', { jobParameter: '', rules: [deploy] }],
  ['a shaParameter over 128 characters', { shaParameter: 'x'.repeat(129), rules: [deploy] }],
  ['approve with a job', rules({ ...deploy, approve: 'hold' })],
  ['approve with a project', rules({ branches: ['main'], approve: 'h', project: 'gh/a/b' })],
  ['approve with parameters', rules({ branches: ['main'], approve: 'h', parameters: { a: 1 } })],
  ['empty paths', rules({ ...deploy, paths: [] })],
  ['paths on a tag rule', rules({ tags: ['v*'], job: 'release', paths: ['a/**'] })],
  ['paths on a rule with branches and tags', rules({ ...deploy, tags: ['v*'], paths: ['a/**'] })],
  ['paths without a job', rules({ branches: ['main'], parameters: { a: 1 }, paths: ['a/**'] })],
  ['paths with approve', rules({ branches: ['main'], approve: 'h', paths: ['a/**'] })],
  ['paths with another project', rules({ ...deploy, project: 'gh/a/b', paths: ['a/**'] })],
];

/** Files the schema accepts and only the CLI rejects: what JSON Schema cannot say. */
const runtimeOnly: Array<[string, unknown]> = [
  [
    'a circleci/ project without a definitionId',
    rules({ ...deploy, project: 'circleci/org-id/project-id' }),
  ],
  ['an invalid regular expression', rules({ branches: ['/(/'], job: 'deploy' })],
  ['an invalid regular expression in paths', rules({ ...deploy, paths: ['/(/'] })],
  ['a lone !', rules({ branches: ['main', '!'], job: 'deploy' })],
  ['only exclusions', rules({ branches: ['!wip-*'], job: 'deploy' })],
  [
    'a v1.1 parameter that is no env var name',
    { api: 'v1.1', rules: [{ ...deploy, parameters: { 'A-B': 1 } }] },
  ],
  [
    'CIRCLE_JOB as a v1.1 parameter',
    { api: 'v1.1', rules: [{ ...deploy, parameters: { CIRCLE_JOB: 'x' } }] },
  ],
  [
    'a v1.1 rule without job',
    { api: 'v1.1', rules: [{ branches: ['main'], parameters: { A: 1 } }] },
  ],
  ['approve on api v1.1', rules({ branches: ['main'], approve: 'hold', api: 'v1.1' })],
  ['a circleci/ project on v1.1', rules({ ...deploy, api: 'v1.1', project: 'circleci/o/p' })],
  ['a definitionId on v1.1', rules({ ...deploy, api: 'v1.1', definitionId: UUID })],
  ['a v2 number that is no integer', rules({ ...deploy, parameters: { n: 1.5 } })],
  ['a v2 value over 512 characters', rules({ ...deploy, parameters: { a: 'x'.repeat(513) } })],
  [
    'more than 100 v2 parameters',
    rules({
      ...deploy,
      parameters: Object.fromEntries([...Array(99)].map((_, i) => [`p${i}`, i])),
    }),
  ],
  ['the job parameter as a parameter', rules({ ...deploy, parameters: { target_job: 'x' } })],
  ['the SHA parameter as a parameter', rules({ ...deploy, parameters: { target_sha: 'x' } })],
  [
    'the jobParameter as the shaParameter',
    { jobParameter: 'p', shaParameter: 'p', rules: [deploy] },
  ],
];

describe('schema.json', () => {
  it('is a valid draft 2020-12 schema with the $id that rules files name in $schema', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe('https://unpkg.com/cci-conditional@1/schema.json');
    expect(ajv.validateSchema(schema)).toBe(true);
  });

  it('is what the build wrote at the package root', () => {
    const built = join(ROOT, 'schema.json');
    expect(existsSync(built), 'run npm run build first').toBe(true);
    expect(JSON.parse(readFileSync(built, 'utf8'))).toEqual(schema);
  });

  it.each(valid)('accepts %s, as the CLI does', (_, file) => {
    expect(schemaAccepts(file), JSON.stringify(schemaAccepts.errors)).toBe(true);
    expect(runtimeAccepts(file)).toBe(true);
  });

  it.each(invalid)('rejects %s, as the CLI does', (_, file) => {
    expect(schemaAccepts(file)).toBe(false);
    expect(runtimeAccepts(file)).toBe(false);
  });

  it.each(runtimeOnly)('runtime-only check: accepts %s, which the CLI rejects', (_, file) => {
    expect(schemaAccepts(file), JSON.stringify(schemaAccepts.errors)).toBe(true);
    expect(runtimeAccepts(file)).toBe(false);
  });
});
