/**
 * Finds regexes that can backtrack exponentially, so that a branch name chosen by whoever can push
 * cannot make a run hang. scslre (from the eslint-plugin-regexp authors) finds quantifiers that
 * repeat inside a repetition (`(\d+\.?)+`); it does not look at alternatives, so a repetition
 * whose alternatives can start one same text (`(a|aa)+`, `(\w|\d)+`) is found here with refa's
 * automata. The build loads this module on first use: only patterns with a repeated group need it.
 */
import { type AST, RegExpParser, visitRegExpAST } from '@eslint-community/regexpp';
import { isDisjointWith, JS, NFA } from 'refa';
import { analyse } from 'scslre';

/** Why `source` (a whole, anchored regex) can backtrack exponentially, or undefined. */
export function exponentialBacktracking(source: string): string | undefined {
  const parser = new RegExpParser();
  const pattern = parser.parsePattern(source);
  const flags = parser.parseFlags('');
  const { reports } = analyse({ pattern, flags }, { reportTypes: { Move: false } });
  for (const report of reports) {
    if (!report.exponential) continue;
    if (report.type === 'Self')
      return `${report.quant.raw} repeats inside ${report.parentQuant.raw}`;
    if (report.type === 'Trade') {
      return `${report.startQuant.raw} and ${report.endQuant.raw} can match the same text, repeatedly`;
    }
  }
  return overlappingAlternatives(pattern);
}

/**
 * A repetition `(A|B)+` backtracks exponentially when a text can start with A and the repetition
 * and also with B and the repetition: the engine tries both ways at every step.
 */
function overlappingAlternatives(pattern: AST.Pattern): string | undefined {
  let found: string | undefined;
  visitRegExpAST(pattern, {
    onQuantifierEnter(quantifier) {
      const element = quantifier.element;
      if (found !== undefined || quantifier.max < 2) return;
      if (element.type !== 'Group' && element.type !== 'CapturingGroup') return;
      const starts = element.alternatives.map((alternative) =>
        automaton(`(?:${alternative.raw})(?:${element.raw})*`),
      );
      starts.forEach((start, i) => {
        const other = starts.findIndex((next, j) => j > i && !isDisjointWith(start, next));
        if (found === undefined && other >= 0) {
          const [a, b] = [element.alternatives[i]?.raw, element.alternatives[other]?.raw];
          found = `the alternatives ${a} and ${b} of ${quantifier.raw} can match the same text`;
        }
      });
    },
  });
  return found;
}

function automaton(source: string): NFA {
  const { expression, maxCharacter } = JS.Parser.fromLiteral({ source, flags: '' }).parse({
    backreferences: 'disable',
    assertions: 'ignore',
  });
  return NFA.fromRegex(expression, { maxCharacter });
}
