// @ts-check
// The packages that actually land in the bundle (from esbuild's metafile) and their licenses.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @typedef {{ name: string, version: string, license: string, licenseText: string }} BundledPackage */

/**
 * @param {import('esbuild').Metafile} metafile
 * @param {string} root folder the metafile's paths are relative to
 * @returns {BundledPackage[]}
 */
export function bundledPackages(metafile, root) {
  /** @type {Map<string, string>} */
  const dirs = new Map();
  for (const input of Object.keys(metafile.inputs)) {
    if (/^[\w-]+:/.test(input)) continue; // a plugin's virtual module
    const found = /^(.*node_modules\/((?:@[^/]+\/)?[^/]+))\//.exec(input);
    if (found?.[1] && found[2]) dirs.set(found[2], join(root, found[1]));
  }
  return [...dirs]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, dir]) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)([.-]|$)/i.test(f));
      if (!file) throw new Error(`${name} has no license file: cannot bundle it without one`);
      return {
        name,
        version: String(manifest.version),
        license: String(manifest.license?.type ?? manifest.license ?? 'see license text'),
        licenseText: readFileSync(join(dir, file), 'utf8').trim(),
      };
    });
}

/**
 * @param {{ name: string, version: string }} pkg
 * @param {BundledPackage[]} packages
 */
export function noticesText(pkg, packages) {
  const table = packages.map((p) => `| ${p.name} | ${p.version} | ${p.license} |`);
  const texts = packages.map((p) => `## ${p.name}@${p.version}\n\n${p.licenseText}\n`);
  return [
    '# Third-party notices',
    '',
    `${pkg.name} ${pkg.version} ships these packages bundled into the files of dist/.`,
    '',
    '| package | version | license |',
    '| --- | --- | --- |',
    ...table,
    '',
    ...texts,
  ].join('\n');
}
