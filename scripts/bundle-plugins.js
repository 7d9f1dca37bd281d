// @ts-check
// esbuild plugins of the build: what the bundle changes in the packages it inlines, and why
// (stand-ins.js: the modules it leaves out).
import { isBuiltin } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * y18n as yargs uses it, with yargs' own en.json built in: the real one reads locale files from a
 * folder beside yargs' sources, which the bundle does not have, so LANG would change nothing but
 * the files it looks for outside the package.
 * @param {string} yargsDir folder of the yargs package
 * @returns {import('esbuild').Plugin}
 */
export function englishOnlyY18n(yargsDir) {
  const strings = join(yargsDir, 'locales', 'en.json');
  const english = fileURLToPath(new URL('y18n-english.js', import.meta.url));
  return {
    name: 'english-only-y18n',
    setup(build) {
      build.onResolve({ filter: /^y18n$/ }, () => ({ path: 'y18n', namespace: 'y18n-english' }));
      build.onLoad({ filter: /.*/, namespace: 'y18n-english' }, () => ({
        contents: [
          `import strings from ${JSON.stringify(strings)};`,
          `import { y18nEnglish } from ${JSON.stringify(english)};`,
          'export default () => y18nEnglish(strings);',
        ].join('\n'),
        resolveDir: dirname(english),
      }));
    },
  };
}

/**
 * Modules that cost startup time and that only some paths use, evaluated on first use instead of
 * when the bundle starts. Their code stays in the bundle; the importer gets stand-ins that load
 * the module when called:
 * - `default`: the default export is a function (string-width, which builds an Intl.Segmenter
 *   on load, and cliui with wrap-ansi and ansi-styles: yargs lays out --help with them);
 * - `names`: these named exports are functions (jsonc-parser, which builds tables on load and
 *   places JSON syntax errors).
 * `from` makes every importer share the copy that folder resolves to (cliui pins an older
 * string-width that brings emoji-regex along).
 * @typedef {{ default?: true, names?: string[], from?: string }} Deferral
 * @param {Record<string, Deferral>} modules
 * @returns {import('esbuild').Plugin}
 */
export function deferUntilUsed(modules) {
  const names = Object.keys(modules).map((name) => name.replace(/[/.]/g, '\\$&'));
  return {
    name: 'defer-until-used',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, async (args) => {
        const deferral = modules[args.path];
        if (args.pluginData === 'real' || !deferral) return undefined;
        const real = await build.resolve(args.path, {
          resolveDir: deferral.from ?? args.resolveDir,
          kind: args.kind,
          pluginData: 'real',
        });
        if (real.errors.length > 0) return { errors: real.errors };
        return { path: real.path, namespace: 'deferred', pluginData: deferral };
      });
      build.onLoad({ filter: /.*/, namespace: 'deferred' }, (args) => {
        /** @type {Deferral} */
        const deferral = args.pluginData;
        // Inside the bundle, require() evaluates a bundled ES module on that first call. What it
        // requires re-exports only what is used, so that the rest is still left out.
        const load = `require(${JSON.stringify(`deferred-exports:${args.path}`)})`;
        const lines = (deferral.names ?? []).map(
          (name) => `export const ${name} = (...args) => ${load}.${name}(...args);`,
        );
        if (deferral.default) lines.push(`export default (...args) => ${load}.default(...args);`);
        return { contents: lines.join('\n'), resolveDir: dirname(args.path), pluginData: deferral };
      });
      build.onResolve({ filter: /^deferred-exports:/ }, (args) => ({
        path: args.path.slice('deferred-exports:'.length),
        namespace: 'deferred-exports',
        pluginData: args.pluginData,
      }));
      build.onLoad({ filter: /.*/, namespace: 'deferred-exports' }, (args) => {
        /** @type {Deferral} */
        const deferral = args.pluginData;
        const names = [...(deferral.names ?? []), ...(deferral.default ? ['default'] : [])];
        const contents = `export { ${names.join(', ')} } from ${JSON.stringify(args.path)};`;
        return { contents, resolveDir: dirname(args.path) };
      });
    },
  };
}

/**
 * Node's built-in modules through process.getBuiltinModule() rather than `import`: the ESM loader
 * builds a facade module around each built-in it imports; the HTTP client alone imports twelve.
 * Each stand-in is an ES module whose named exports are read from the built-in once, and only
 * those that are imported (the reads are marked pure): as a CommonJS module it would be wrapped
 * in a copy with a getter for every property, about 350 of them for the HTTP client's built-ins.
 * @returns {import('esbuild').Plugin}
 */
export function builtinsWithoutEsmLoader() {
  return {
    name: 'builtins-without-esm-loader',
    setup(build) {
      build.onResolve({ filter: /^[a-z_:/]+$/ }, (args) => {
        if (args.kind !== 'import-statement' || !isBuiltin(args.path)) return undefined;
        return { path: args.path.replace(/^node:/, ''), namespace: 'node-builtin' };
      });
      build.onLoad({ filter: /.*/, namespace: 'node-builtin' }, async (args) => {
        const id = `node:${args.path}`;
        const names = Object.keys(await import(id)).filter(
          (name) => name !== 'default' && /^[A-Za-z_$][\w$]*$/.test(name),
        );
        return {
          contents: [
            `const builtin$ = process.getBuiltinModule(${JSON.stringify(id)});`,
            'export default builtin$;',
            'const read$ = (name) => builtin$[name];',
            ...names.map(
              (name) => `export const ${name} = /* @__PURE__ */ read$(${JSON.stringify(name)});`,
            ),
          ].join('\n'),
        };
      });
    },
  };
}

/**
 * Libraries that only some runs use, each in a file of its own (`dist/chunks/lib-<name>.cjs`,
 * built by `libraryFiles`), which the code that imports them loads on first use. Unlike a
 * dynamic import() this works from synchronous code (the glob matcher, the logger), so the
 * sources keep their plain imports. Each named export becomes a stand-in that loads the file
 * when it is called, constructed or read from: `names` lists what the sources import.
 * @param {Record<string, string[]>} libraries package name → the named exports used
 * @returns {import('esbuild').Plugin}
 */
export function librariesInOwnFiles(libraries) {
  const names = Object.keys(libraries).map((name) => name.replace(/[/.]/g, '\\$&'));
  return {
    name: 'libraries-in-own-files',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) => ({
        path: args.path,
        namespace: 'library-in-own-file',
      }));
      build.onLoad({ filter: /.*/, namespace: 'library-in-own-file' }, (args) => {
        const file = libraryFileName(args.path);
        const exported = (libraries[args.path] ?? []).map(
          (name) => `export const ${name} = standIn(${JSON.stringify(name)});`,
        );
        // The importing code lands in dist/ or dist/chunks/; the library files are in chunks/.
        const contents = `let library;
const load = () => {
  if (library === undefined) {
    const here = import.meta.url;
    const url = new URL(/\\/chunks\\/[^/]*$/.test(here) ? ${JSON.stringify(`./${file}`)} : ${JSON.stringify(`./chunks/${file}`)}, here);
    library = process.getBuiltinModule('node:module').createRequire(here)(process.getBuiltinModule('node:url').fileURLToPath(url));
  }
  return library;
};
const standIn = (name) => new Proxy(function standIn() {}, {
  apply: (_, self, args) => Reflect.apply(load()[name], self, args),
  construct: (_, args) => Reflect.construct(load()[name], args),
  get: (_, key) => load()[name][key],
  has: (_, key) => key in load()[name],
});
${exported.join('\n')}`;
        return { contents };
      });
    },
  };
}

/** @param {string} name a package name */
export function libraryFileName(name) {
  return `lib-${name.replace(/[^\w-]+/g, '-')}.cjs`;
}

/**
 * got's type checks (@sindresorhus/is) build two Intl.ListFormat objects when they load, which
 * costs the locale data of every trigger; they only format an error message. Built on first use
 * instead. The build fails if the lines are not there as written (a new version of the package).
 * @returns {import('esbuild').Plugin}
 */
export function listFormatsOnFirstUse() {
  const built = [
    "const andFormatter = new Intl.ListFormat('en', { style: 'long', type: 'conjunction' });",
    "const orFormatter = new Intl.ListFormat('en', { style: 'long', type: 'disjunction' });",
  ];
  const used = ['orFormatter.format(', 'andFormatter.format('];
  return {
    name: 'list-formats-on-first-use',
    setup(build) {
      build.onLoad(
        { filter: /@sindresorhus[\\/]is[\\/]distribution[\\/]index\.js$/ },
        async (args) => {
          const { readFile } = await import('node:fs/promises');
          let code = await readFile(args.path, 'utf8');
          for (const line of [...built, ...used]) {
            if (!code.includes(line)) {
              throw new Error(
                `${args.path} no longer has ${JSON.stringify(line)}: update listFormatsOnFirstUse`,
              );
            }
          }
          code = code
            .replace(
              built[0] ?? '',
              "let andFormatter; const andList = (values) => (andFormatter ??= new Intl.ListFormat('en', { style: 'long', type: 'conjunction' })).format(values);",
            )
            .replace(
              built[1] ?? '',
              "let orFormatter; const orList = (values) => (orFormatter ??= new Intl.ListFormat('en', { style: 'long', type: 'disjunction' })).format(values);",
            )
            .replaceAll('orFormatter.format(', 'orList(')
            .replaceAll('andFormatter.format(', 'andList(');
          return { contents: code, loader: 'js' };
        },
      );
    },
  };
}
