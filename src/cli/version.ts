/**
 * The package's version: --version prints it, every request names it in its User-Agent. A constant
 * rather than package.json read at run time (a file read on every start); test/package-metadata
 * .test.ts holds it equal to package.json's.
 */
export const VERSION = '1.0.0';
