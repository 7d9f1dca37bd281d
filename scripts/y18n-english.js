// @ts-check
// y18n as yargs uses it, English only, for the bundle: yargs' own en.json is built in. The real
// y18n reads locale files from a folder next to yargs' sources, which the bundle does not have
// (it would look outside the package), and LANG would pick a language we do not ship.
import { format } from 'node:util';

/** @typedef {string | { one: string, other: string }} Entry */

/** @param {Record<string, Entry>} strings yargs' locales/en.json */
export function y18nEnglish(strings) {
  /** @type {Record<string, Entry>} */
  const cache = { ...strings };
  let locale = 'en';
  return {
    /** @param {string} text @param {unknown[]} args */
    __: (text, ...args) => {
      const entry = cache[text];
      return format(typeof entry === 'string' ? entry : text, ...args);
    },
    /**
     * @param {string} singular @param {string} plural @param {number} quantity
     * @param {unknown[]} args
     */
    __n: (singular, plural, quantity, ...args) => {
      const entry = cache[singular];
      const one = quantity === 1;
      const text =
        typeof entry === 'object' ? entry[one ? 'one' : 'other'] : one ? singular : plural;
      return format(text, ...(text.includes('%d') ? [quantity] : []), ...args);
    },
    /** @param {string} name */
    setLocale: (name) => {
      locale = name;
    },
    getLocale: () => locale,
    /** @param {Record<string, Entry>} entries */
    updateLocale: (entries) => {
      Object.assign(cache, entries);
    },
    locale,
  };
}
