/** Which jobs of a config run cci-conditional: what makes a triggered pipeline trigger again. */
import { isMap } from './config-model.js';

type Map = Record<string, unknown>;

const TOOL = 'cci-conditional';

/**
 * Whether a shell command runs cci-conditional with these rules: it mentions cci-conditional
 * outside quotes and comments (`npx cci-conditional@1`, not `echo "started by cci-conditional"`)
 * and names no other rules file with `--rules` (a promotion to the next stage is no loop).
 */
export function runsInShell(command: string, rulesPath: string | undefined): boolean {
  const code = command.replace(/"(?:[^"\\]|\\.)*"|'[^']*'|(^|\s)#.*$/gm, '$1');
  if (!code.includes(TOOL)) return false;
  const named = /--rules(?:=|\s+)(?:'([^']*)'|"([^"]*)"|([^\s'"]+))/.exec(command);
  return sameRules(named?.[1] ?? named?.[2] ?? named?.[3], rulesPath);
}

/** A step that names no rules file, or names it through a parameter, may use these rules. */
function sameRules(named: unknown, rulesPath: string | undefined): boolean {
  if (
    rulesPath === undefined ||
    typeof named !== 'string' ||
    named.includes('<<') ||
    named.includes('$')
  )
    return true;
  const plain = (path: string) => path.replace(/^(\.\/)+/, '');
  return plain(named) === plain(rulesPath);
}

/**
 * Whether a job runs cci-conditional with the rules at `rulesPath`: a `run` step whose command
 * mentions it, a command of an orb whose reference mentions it, or a command of the config that
 * does either; a step that names another rules file (`--rules`, an orb's `rules:`) does not count.
 */
export function runsTool(config: Map, job: string, rulesPath: string | undefined): boolean {
  const orbs = isMap(config.orbs) ? config.orbs : {};
  const commands = isMap(config.commands) ? config.commands : {};
  const orbMentions = (alias: string) => JSON.stringify(orbs[alias] ?? null).includes(TOOL);
  const seen = new Set<string>();
  const stepsRun = (steps: unknown): boolean =>
    (Array.isArray(steps) ? steps : []).some((step) => stepRuns(step));
  const stepRuns = (step: unknown): boolean => {
    const [name, args] =
      typeof step === 'string'
        ? [step, undefined]
        : isMap(step)
          ? (Object.entries(step)[0] ?? [])
          : [];
    if (name === undefined) return false;
    if (name === 'run') {
      const command = isMap(args) ? args.command : args;
      return typeof command === 'string' && runsInShell(command, rulesPath);
    }
    if (name === 'when' || name === 'unless') return isMap(args) && stepsRun(args.steps);
    const slash = name.indexOf('/');
    if (slash > 0)
      return (
        orbMentions(name.slice(0, slash)) &&
        sameRules(isMap(args) ? args.rules : undefined, rulesPath)
      );
    const command = commands[name];
    if (seen.has(name) || !isMap(command)) return false;
    seen.add(name);
    return stepsRun(command.steps);
  };
  const slash = job.indexOf('/');
  if (slash > 0) return orbMentions(job.slice(0, slash));
  const definition = isMap(config.jobs) ? config.jobs[job] : undefined;
  return isMap(definition) && stepsRun(definition.steps);
}
