/**
 * What to say of a key the rules file does not know: the key meant, when it is a near miss
 * (`branch` → `branches`), or where it goes, when it belongs to the other level (a rule's `tags`
 * written at the top of the file, the file's `jobParameter` written in a rule). Pure.
 */
import { nearestName, typoEdits } from './nearest-name.js';
import { ruleSchema, rulesFileSchema } from './rules-schema.js';

const FILE_KEYS = Object.keys(rulesFileSchema.shape);
const RULE_KEYS = Object.keys(ruleSchema.shape);

/** `place` is where the key is, already printable (`rules[0].branch`). */
export function unknownKeyProblem(place: string, key: string, inRule: boolean): string {
  const [here, there] = inRule ? [RULE_KEYS, FILE_KEYS] : [FILE_KEYS, RULE_KEYS];
  if (there.includes(key) && !here.includes(key)) {
    const where = inRule ? 'at the top level of the file' : 'in a rule';
    return `${place}: unknown key; "${key}" goes ${where}`;
  }
  const nearest = nearestName(key, here, typoEdits(key));
  return nearest ? `${place}: unknown key; did you mean "${nearest}"?` : `${place}: unknown key`;
}
