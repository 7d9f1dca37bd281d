/**
 * A test that a pattern may match a name, made without building a matcher or allocating: the
 * decision runs it on every rule of the file and builds matchers only for those it lets through.
 */

/** Characters that make a pattern a glob rather than a plain name. */
export const GLOB_MAGIC = /[*?[\]{}()!+@\\]/;

/** Characters that stand for themselves in a regex without flags, outside a class. */
function isPlain(char: string): boolean {
  return (
    (char >= 'a' && char <= 'z') ||
    (char >= 'A' && char <= 'Z') ||
    (char >= '0' && char <= '9') ||
    char === '_' ||
    char === '/' ||
    char === '@' ||
    char === ' ' ||
    char === '-'
  );
}

function isQuantifier(char: string | undefined): boolean {
  return char === '*' || char === '+' || char === '?' || char === '{';
}

/**
 * False only when the pattern (without its `!`) cannot match the name, tested without building
 * a matcher or allocating: a name lacks the literal start of a /regex/ (its leading plain
 * characters, none when it has an alternative, less one before a quantifier), or of a glob (up
 * to its first magic character; no shortcut with `//` or `.` parts, which minimatch reads
 * otherwise). A plain name is compared whole.
 */
export function mayMatch(pattern: string, name: string): boolean {
  if (pattern.startsWith('/')) {
    if (pattern.includes('|')) return true;
    let at = pattern[1] === '^' ? 2 : 1;
    for (let i = 0; at < pattern.length - 1; at++, i++) {
      const char = pattern[at] ?? '';
      if (!isPlain(char) || isQuantifier(pattern[at + 1])) return true;
      if (name[i] !== char) return false;
    }
    return true;
  }
  const magic = pattern.search(GLOB_MAGIC);
  if (magic < 0) return name === pattern;
  if (pattern.includes('//') || pattern.includes('/.') || pattern.startsWith('.')) return true;
  if (name.includes('//')) return true;
  for (let i = 0; i < magic; i++) if (name[i] !== pattern[i]) return false;
  return true;
}
