// @ts-check
// The API's types as one declaration file: tsc writes the declarations of what src/index.ts
// reaches into a scratch folder, rollup-plugin-dts joins them into one file and leaves out what
// no exported type names. The published types import no package: the packages are bundled, not
// installed, so a consumer that checks them (skipLibCheck: false) would find none of them.
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rollup } from 'rollup';
import { dts } from 'rollup-plugin-dts';

const require = createRequire(import.meta.url);

/**
 * @param {string} root the repository
 * @param {string} path where the declaration file goes
 */
export async function writeDeclarations(root, path) {
  const scratch = await mkdtemp(join(tmpdir(), 'cci-conditional-types-'));
  try {
    execFileSync(
      process.execPath,
      [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', scratch],
      { cwd: root, stdio: 'inherit' },
    );
    const bundle = await rollup({
      input: join(scratch, 'index.d.ts'),
      plugins: [dts()],
      // A package that a declaration imports but no exported type uses is left out (checked below).
      onwarn: (warning) => {
        if (warning.code !== 'UNRESOLVED_IMPORT')
          throw new Error(`the API's types: ${warning.message}`);
      },
    });
    const [output] = (await bundle.generate({ format: 'es' })).output;
    const code = output.code;
    const packages = [...code.matchAll(/^import .* from '([^'.][^']*)';$/gm)].map((m) => m[1]);
    if (packages.length > 0) {
      throw new Error(
        `the API's types import ${packages.join(', ')}: give them types of their own`,
      );
    }
    await writeFile(path, code);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
