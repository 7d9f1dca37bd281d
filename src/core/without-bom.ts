/**
 * A file's text without the byte-order mark that editors on Windows put at the start of UTF-8
 * files: JSON.parse refuses it, and a YAML parser would read it as part of the first key.
 */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
