/**
 * `help [command]` and `version`, typed as words, become the flags yargs reads: `help check` →
 * `check --help`, `help` → `--help`, `version` → `--version`. Pure.
 */
import { firstWordAt, isCommand } from './cli-options.js';

/** `argv` with its switches spelled as readCommandLine leaves them (`--flag=true`). */
export function helpWords(argv: readonly string[]): readonly string[] {
  const at = firstWordAt(argv);
  const word = argv[at];
  if (word !== 'help' && word !== 'version') return argv;
  const before = argv.slice(0, at);
  const after = argv.slice(at + 1);
  if (word === 'version') return [...before, '--version', ...after];
  const next = firstWordAt(after);
  // `help chek`: left to yargs, whose complaint names the word that is not a command
  if (next >= 0 && !isCommand(after[next] ?? '')) return [...before, ...after];
  return [...before, ...after, '--help'];
}
