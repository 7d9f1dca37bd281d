// @ts-check
// esbuild plugins of the build: what the bundle changes in the packages it inlines, and why.
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
 * Modules that cost startup time and that only some paths use, loaded on first use instead of
 * when the bundle starts. Each kind names what the importing code does with the module:
 * - `defaultFunction`: an ESM module whose default export is only called (string-width: it
 *   builds an Intl.Segmenter on load; yargs needs it only to lay out --help);
 * - `constructor`: a CommonJS module that exports a class only constructed or tested with
 *   instanceof (pino's sonic-boom and thread-stream: we pass pino our own destination);
 * - `builtinFunctions`: a node built-in whose named functions are only called (node:assert in
 *   yargs' platform shim, for checks of how yargs is called).
 * A `from` folder makes every importer share the copy that folder resolves to (cliui and
 * wrap-ansi pin an older string-width that brings emoji-regex, 14 KiB, along).
 * @typedef {{ kind: 'defaultFunction' | 'constructor', from?: string } | { kind: 'builtinFunctions', names: string[], importer: RegExp }} Deferral
 * @param {Record<string, Deferral>} modules
 * @returns {import('esbuild').Plugin}
 */
export function deferUntilUsed(modules) {
  const names = Object.keys(modules).map((name) => name.replace(/[/.]/g, '\\$&'));
  return {
    name: 'defer-until-used',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^(node:)?(${names.join('|')})$`) }, async (args) => {
        if (args.pluginData === 'real') return undefined;
        const name = args.path.replace(/^node:/, '');
        const deferral = modules[name];
        if (deferral?.kind === 'builtinFunctions') {
          if (!deferral.importer.test(args.importer)) return undefined;
          return { path: name, namespace: 'deferred-builtin', pluginData: deferral.names };
        }
        const resolveDir = deferral?.from ?? args.resolveDir;
        const real = await build.resolve(args.path, {
          resolveDir,
          kind: args.kind,
          pluginData: 'real',
        });
        if (real.errors.length > 0) return { errors: real.errors };
        return { path: real.path, namespace: `deferred-${deferral?.kind}` };
      });
      const load = (/** @type {string} */ path) => `require(${JSON.stringify(path)})`;
      build.onLoad({ filter: /.*/, namespace: 'deferred-defaultFunction' }, (args) => ({
        contents: `export default (...args) => ${load(args.path)}.default(...args);`,
        resolveDir: dirname(args.path),
      }));
      build.onLoad({ filter: /.*/, namespace: 'deferred-constructor' }, (args) => ({
        contents: [
          'let real;',
          `const get = () => (real ??= ${load(args.path)});`,
          // Nothing can be an instance of a class that was never loaded.
          'const isInstance = (value) => real !== undefined && value instanceof real;',
          'module.exports = new Proxy(function Deferred() {}, {',
          '  construct: (_, args) => Reflect.construct(get(), args),',
          '  apply: (_, self, args) => Reflect.apply(get(), self, args),',
          '  get: (_, key) => (key === Symbol.hasInstance ? isInstance : get()[key]),',
          '});',
        ].join('\n'),
        resolveDir: dirname(args.path),
      }));
      build.onLoad({ filter: /.*/, namespace: 'deferred-builtin' }, (args) => ({
        contents: /** @type {string[]} */ (args.pluginData)
          .map(
            (fn) =>
              `export const ${fn} = (...args) => require('node:${args.path}').${fn}(...args);`,
          )
          .join('\n'),
      }));
    },
  };
}

/**
 * Packages that serve only options this CLI never sets, replaced by stand-ins that throw if that
 * option is ever used: got's `cache`, `http2` and `dnsCache` and FormData bodies, pino's transports and
 * `pino.destination()` (we always pass our own destination). They would be two fifths of the
 * package's size.
 * @type {Record<string, string>}
 */
const LEFT_OUT = {
  'cacheable-request': `export default class CacheableRequest { constructor() { unsupported("got's cache option"); } }
export class CacheError extends Error {}`,
  'form-data-encoder': `export const isFormData = () => false;
export class FormDataEncoder { constructor() { unsupported('FormData bodies'); } }`,
  'cacheable-lookup': `export default class CacheableLookup { constructor() { unsupported("got's dnsCache option"); } }`,
  'http2-wrapper': `export default {
  get auto() { return unsupported("got's http2 option"); },
  get globalAgent() { return unsupported("got's http2 option"); },
};`,
  'thread-stream': `module.exports = class ThreadStream { constructor() { unsupported('pino transports'); } };`,
  'sonic-boom': `module.exports = class SonicBoom { constructor() { unsupported('pino.destination()'); } };`,
};

/** @returns {import('esbuild').Plugin} */
export function leaveOutUnusedFeatures() {
  const names = Object.keys(LEFT_OUT).join('|');
  return {
    name: 'leave-out-unused-features',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^(${names})$`) }, (args) => ({
        path: args.path,
        namespace: 'left-out',
      }));
      build.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
        contents: `function unsupported(what) { throw new Error(\`\${what} is not part of the cci-conditional bundle\`); }\n${LEFT_OUT[args.path]}`,
      }));
    },
  };
}
