// @ts-check
// The rules file's JSON Schema (draft 2020-12), generated from the zod schema in
// src/core/rules-schema.ts, plus the cross-field rules of src/core/check-rules.ts that JSON Schema can express.
import { writeFile } from 'node:fs/promises';
import { build } from 'esbuild';
import { z } from 'zod';

export const SCHEMA_ID = 'https://unpkg.com/cci-conditional@1/schema.json';

/**
 * @param {z.core.$ZodType} rulesFileSchema
 * @returns {Record<string, any>}
 */
export function rulesJsonSchema(rulesFileSchema) {
  const { $schema, ...generated } = /** @type {Record<string, any>} */ (
    z.toJSONSchema(rulesFileSchema, { target: 'draft-2020-12' })
  );
  const rule = generated.properties?.rules?.items;
  if (!rule?.properties?.approve) throw new Error('rules[].approve not found in the schema');
  rule.allOf = [
    // A rule needs branches or tags.
    { anyOf: [{ required: ['branches'] }, { required: ['tags'] }] },
    // And something to do: a job, pipeline parameters or an approval (v1.1 needs the job).
    {
      anyOf: [
        { required: ['job'] },
        { required: ['approve'] },
        {
          required: ['parameters'],
          properties: { parameters: { type: 'object', minProperties: 1 } },
        },
      ],
    },
  ];
  // "approve" approves a job of this workflow: nothing to start, so no job, parameters or project.
  // "paths" compares with the job's last successful deploy on the branch, in this project.
  rule.dependentSchemas = {
    approve: {
      properties: { job: false, project: false, parameters: { type: 'object', maxProperties: 0 } },
    },
    paths: { required: ['job'], not: { required: ['tags'] }, properties: { project: false } },
  };
  return { $schema, $id: SCHEMA_ID, title: 'cci-conditional rules file', ...generated };
}

/**
 * The zod schema as src/core/rules-schema.ts defines it, compiled from the source in memory: the
 * build does not import what it built.
 * @param {string} root the repository
 * @returns {Promise<z.core.$ZodType>}
 */
export async function rulesSchemaFromSource(root) {
  const bundled = await build({
    absWorkingDir: root,
    entryPoints: ['src/core/rules-schema.ts'],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'warning',
  });
  const text = bundled.outputFiles[0]?.text ?? '';
  const module = await import(
    `data:text/javascript;base64,${Buffer.from(text).toString('base64')}`
  );
  return module.rulesFileSchema;
}

/**
 * @param {string} root the repository
 * @param {string} path where to write it
 */
export async function writeRulesSchema(root, path) {
  const schema = rulesJsonSchema(await rulesSchemaFromSource(root));
  await writeFile(path, `${JSON.stringify(schema, null, 2)}\n`);
}
