#!/usr/bin/env node
// Builds the published package into dist/: the CLI and the API (scripts/build-package.js), the
// notices of the bundled packages, one declaration file for the API (scripts/declarations.js)
// and the rules file's JSON Schema. ARCHITECTURE.md, "The build, step by step", says why each step is there.
// Usage: npm run build [-- --source-maps] (maps for a maintainer reading a stack trace; the
// published package has none).
import { readFileSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bundlePackage } from './build-package.js';
import { sizeLine } from './build-summary.js';
import { writeDeclarations } from './declarations.js';
import { bundledPackages, noticesText } from './notices.js';
import { writeRulesSchema } from './schema.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8'));
const dist = `${root}dist`;

await rm(dist, { recursive: true, force: true });
await mkdir(dist);
const metafile = await bundlePackage({
  root,
  out: dist,
  sourceMaps: process.argv.includes('--source-maps'),
});
const packages = bundledPackages(metafile, root);
await writeFile(`${dist}/THIRD-PARTY-NOTICES.md`, noticesText(pkg, packages));
const direct = packages.filter((p) => p.name in pkg.devDependencies);
await prependLine(
  `${dist}/cci-conditional.js`,
  `/*! ${pkg.name} ${pkg.version} (MIT). Bundles ${direct.map((p) => `${p.name} ${p.version}`).join(', ')} and ${packages.length - direct.length} of their dependencies: see THIRD-PARTY-NOTICES.md */`,
);
await writeDeclarations(root, `${dist}/index.d.ts`);
await writeRulesSchema(root, `${root}schema.json`);

/**
 * Puts a comment line above a file (a source map, if any, then maps one line off: only a
 * maintainer's build has one).
 * @param {string} path
 * @param {string} text
 */
async function prependLine(path, text) {
  await writeFile(path, `${text}\n${readFileSync(path, 'utf8')}`);
}

console.log(sizeLine(dist, packages.length, 'dist'));
