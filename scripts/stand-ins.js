// @ts-check
// An esbuild plugin: the modules the bundle leaves out, and what it puts in their place.

/**
 * Stand-ins for modules the bundle leaves out. Most serve only options this CLI never sets and
 * throw if one is ever used: got's `cache`, `http2`, `dnsCache` and FormData bodies, pino's
 * transports and `pino.destination()` (we always pass pino our own destination); they would be
 * two fifths of the package's size, and some are CommonJS, which the ES module chunks cannot
 * hold. The others (`startup`) only cost start-up time. `importer` limits a stand-in to some
 * importers.
 * @type {Record<string, { code: string, importer?: RegExp, startup?: true }>}
 */
const LEFT_OUT = {
  'cacheable-request': {
    code: `export default class CacheableRequest { constructor() { unsupported("got's cache option"); } }
export class CacheError extends Error {}`,
  },
  'cacheable-lookup': {
    code: `export default class CacheableLookup { constructor() { unsupported("got's dnsCache option"); } }`,
  },
  'http2-wrapper': {
    code: `export default {
  get auto() { return unsupported("got's http2 option"); },
  get globalAgent() { return unsupported("got's http2 option"); },
};`,
  },
  'form-data-encoder': {
    code: `export const isFormData = () => false;
export class FormDataEncoder { constructor() { unsupported('FormData bodies'); } }`,
  },
  'thread-stream': {
    code: `module.exports = class ThreadStream { constructor() { unsupported('pino transports'); } };`,
  },
  'sonic-boom': {
    code: `module.exports = class SonicBoom { constructor() { unsupported('pino.destination()'); } };`,
  },
  // pino reads isMainThread only to set up a sonic-boom; loading worker_threads costs 2 ms.
  worker_threads: {
    code: 'module.exports = { isMainThread: true };',
    importer: /pino[\\/]lib[\\/]tools\.js$/,
    startup: true,
  },
  // yargs looks for the package.json nearest to the working directory (the user's project) to
  // guess a version we then replace, and for config keys we do not use (pkgConf, extends).
  'escalade/sync': {
    code: 'export default () => undefined;',
    importer: /yargs[\\/]lib[\\/]platform-shims[\\/]/,
    startup: true,
  },
  // yargs checks its own invariants with two functions of node:assert, which costs 2 ms to load.
  assert: {
    code: `export function notStrictEqual(actual, expected, message) {
  if (Object.is(actual, expected)) throw new Error(message ?? \`expected a value other than \${String(expected)}\`);
}
export function strictEqual(actual, expected, message) {
  if (!Object.is(actual, expected)) throw new Error(message ?? \`expected \${String(expected)}, got \${String(actual)}\`);
}`,
    importer: /yargs[\\/]lib[\\/]platform-shims[\\/]/,
    startup: true,
  },
};

/**
 * @param {{ startup?: boolean }} [options] `startup: false`: keep the modules left out for
 *   start-up time alone (a build without that trick)
 * @returns {import('esbuild').Plugin}
 */
export function leaveOutUnusedFeatures(options = {}) {
  const names = Object.keys(LEFT_OUT)
    .filter((name) => options.startup !== false || !LEFT_OUT[name]?.startup)
    .map((name) => name.replace(/[/.]/g, '\\$&'))
    .join('|');
  return {
    name: 'leave-out-unused-features',
    setup(build) {
      build.onResolve({ filter: new RegExp(`^(node:)?(${names})$`) }, (args) => {
        const name = args.path.replace(/^node:/, '');
        const importer = LEFT_OUT[name]?.importer;
        if (importer && !importer.test(args.importer)) return undefined;
        return { path: name, namespace: 'left-out' };
      });
      build.onLoad({ filter: /.*/, namespace: 'left-out' }, (args) => ({
        contents: `function unsupported(what) { throw new Error(\`\${what} is not part of the cci-conditional bundle\`); }\n${LEFT_OUT[args.path]?.code}`,
      }));
    },
  };
}
