// @ts-check
// The fast check of the rules file: ajv's standalone code for the JSON Schema that zod generates
// from src/core/rules-schema.ts, so the CLI checks a rules file without building zod (which it
// loads only to report problems). src/core/rules-shape.ts compiles the same at run time from
// source; the build puts this code in its place.

import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import standalone from 'ajv/dist/standalone/index.js';
import { build } from 'esbuild';
import { z } from 'zod';

/**
 * @param {string} root the repository
 * @returns {Promise<string>} an ES module exporting `fitsRulesSchema(json): boolean`
 */
export async function rulesValidatorCode(root) {
  const bundled = await build({
    absWorkingDir: root,
    stdin: {
      contents: `export { rulesFileSchema } from './src/core/rules-schema.ts';
export { AJV_OPTIONS } from './src/core/rules-shape-options.ts';`,
      resolveDir: root,
    },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    logLevel: 'warning',
  });
  const text = bundled.outputFiles[0]?.text ?? '';
  const { rulesFileSchema, AJV_OPTIONS } = await import(
    `data:text/javascript;base64,${Buffer.from(text).toString('base64')}`
  );
  const schema = withoutDescriptions(z.toJSONSchema(rulesFileSchema, { target: 'draft-2020-12' }));
  // Without messages: the check only says yes or no; zod words the problems.
  const ajv = new Ajv2020({ ...AJV_OPTIONS, messages: false, code: { source: true, esm: true } });
  const validate = ajv.compile(schema);
  return `${standalone.default(ajv, validate)}\nexport function fitsRulesSchema(json) { return validate(json); }\n`;
}

/**
 * The schema without its descriptions, which check nothing and would only fill the bundle.
 * @param {unknown} schema
 * @returns {any}
 */
function withoutDescriptions(schema) {
  if (Array.isArray(schema)) return schema.map(withoutDescriptions);
  if (typeof schema !== 'object' || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key]) => key !== 'description')
      .map(([key, value]) => [key, withoutDescriptions(value)]),
  );
}

/**
 * Replaces src/core/rules-shape.ts with the generated check.
 * @param {string} root
 * @returns {import('esbuild').Plugin}
 */
export function generatedRulesCheck(root) {
  const source = fileURLToPath(new URL('../src/core/rules-shape.ts', import.meta.url));
  return {
    name: 'generated-rules-check',
    setup(build) {
      build.onLoad({ filter: /rules-shape\.ts$/ }, async (args) => {
        if (args.path !== source) return undefined;
        return { contents: await rulesValidatorCode(root), loader: 'js', resolveDir: root };
      });
    },
  };
}
