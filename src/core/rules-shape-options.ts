/**
 * How ajv checks the rules file's JSON Schema so that it is never looser than zod: string
 * lengths in UTF-16 units, regexes without the u flag, only finite numbers. Shared by the build's
 * generated check (scripts/rules-validator.js) and the one compiled from source (rules-shape.ts).
 */
export const AJV_OPTIONS = {
  unicode: false,
  unicodeRegExp: false,
  strictNumbers: true,
  // zod's guid is also a pattern, which ajv checks; the format name alone needs ajv-formats.
  validateFormats: false,
  strict: false,
  // `unicode` is deprecated and ajv says so on every compile; it still counts as zod does.
  logger: false,
} as const;
