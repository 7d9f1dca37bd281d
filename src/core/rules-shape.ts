/**
 * The fast check of a rules file's shape: true only when the zod schema (rules-schema.ts) accepts
 * it too, so that a run checks a good file without building zod. The build replaces this module
 * with ajv's standalone code for the JSON Schema zod generates (scripts/rules-validator.js); from
 * source, ajv compiles the same schema with the same options on first use.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import { z } from 'zod';
import { rulesFileSchema } from './rules-schema.js';
import { AJV_OPTIONS } from './rules-shape-options.js';

let validate: ((json: unknown) => boolean) | undefined;

export function fitsRulesSchema(json: unknown): boolean {
  validate ??= new Ajv2020(AJV_OPTIONS).compile(
    z.toJSONSchema(rulesFileSchema, { target: 'draft-2020-12' }),
  );
  return validate(json);
}
