/**
 * CircleCI's expression strings (`pipeline.git.branch == "main" or not pipeline.parameters.x`),
 * parsed and evaluated three-valued. Written by hand: CircleCI's own parser (CircleCI-Public/expr)
 * is Go, and no JavaScript library speaks this grammar. Grammar, loosest first:
 *   or := and ("or" and)*     and := cmp ("and" cmp)*
 *   cmp := unary (("==" | "!=" | "starts-with" | ">=" | ">" | "<=" | "<") unary | "matches" /re/)?
 *   unary := "not" unary | literal | pipeline.name | "(" or ")"
 * `not` binds tightly: `not a and b` is `(not a) and b`. A chain of `and`s (or `or`s) is one node
 * with a list of operands, and nesting deeper than the check's bound stops the check: however
 * long the text, nothing here recurses deeper than that.
 */
import { counted, LIMITS, NotChecked } from './bounds.js';
import { lookup, type PipelineValues, truthOf, UNKNOWN, wholeMatch } from './three-valued.js';

type Node =
  | { kind: 'value'; value: unknown }
  | { kind: 'name'; name: string }
  | { kind: 'not'; operand: Node }
  | { kind: 'and' | 'or'; operands: Node[] }
  | { kind: 'compare'; op: string; left: Node; right: Node }
  | { kind: 'matches'; left: Node; pattern: string };

type Token = { kind: 'word' | 'string' | 'number' | 'regex' | 'op'; text: string };

const TOKEN =
  /\s*(?:(?<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(?<number>-?\d+(?:\.\d+)?)(?![\w.])|(?<op>==|!=|>=|<=|[<>()])|(?<regex>\/(?:[^/\\]|\\.)*\/)|(?<word>[A-Za-z_][\w.-]*))/y;

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.trimEnd().length) {
    const match = TOKEN.exec(text);
    const found = match?.groups && Object.entries(match.groups).find(([, v]) => v !== undefined);
    if (!found) return undefined;
    const [kind, value] = found as [Token['kind'], string];
    // A /re/ is only a token after `matches`; elsewhere a slash is not part of the grammar.
    if (kind === 'regex' && tokens.at(-1)?.text !== 'matches') return undefined;
    tokens.push({ kind, text: value });
  }
  return tokens;
}

const COMPARE = new Set(['==', '!=', 'starts-with', '>=', '>', '<=', '<']);

/** The syntax tree of an expression string; undefined when the text is not one. */
export function parseExpression(text: string): Node | undefined {
  const tokens = tokenize(text);
  if (!tokens || tokens.length === 0) return undefined;
  let at = 0;
  let depth = 0;
  const peek = () => tokens[at]?.text;
  const fail = (): never => {
    throw new SyntaxError(text);
  };
  const binary = (kind: 'and' | 'or', next: () => Node) => (): Node => {
    const operands = [next()];
    while (peek() === kind) {
      at++;
      operands.push(next());
    }
    return operands.length === 1 ? (operands[0] as Node) : { kind, operands };
  };
  const nested = <T>(parse: () => T): T => {
    if (++depth > LIMITS.depth)
      throw new NotChecked(`an expression nests deeper than ${counted(LIMITS.depth)} levels`);
    const node = parse();
    depth--;
    return node;
  };
  const unary = (): Node => {
    const token = tokens[at++] ?? fail();
    if (token.text === 'not') return { kind: 'not', operand: nested(unary) };
    if (token.text === '(') {
      const inner = nested(or);
      if (tokens[at++]?.text !== ')') fail();
      return inner;
    }
    if (token.kind === 'string') return { kind: 'value', value: unquote(token.text) };
    if (token.kind === 'number') return { kind: 'value', value: Number(token.text) };
    if (token.kind !== 'word') return fail();
    if (token.text === 'true' || token.text === 'false')
      return { kind: 'value', value: token.text === 'true' };
    if (token.text === 'null') return { kind: 'value', value: null };
    return token.text.startsWith('pipeline.') ? { kind: 'name', name: token.text } : fail();
  };
  const compare = (): Node => {
    const left = unary();
    const op = peek() ?? '';
    if (op === 'matches') {
      const regex = tokens[++at];
      if (regex?.kind !== 'regex') fail();
      at++;
      return { kind: 'matches', left, pattern: (regex as Token).text.slice(1, -1) };
    }
    if (!COMPARE.has(op)) return left;
    at++;
    return { kind: 'compare', op, left, right: unary() };
  };
  const and = binary('and', compare);
  const or = binary('or', and);
  try {
    const tree = or();
    return at === tokens.length ? tree : undefined;
  } catch (error) {
    if (error instanceof NotChecked) throw error;
    return undefined;
  }
}

function unquote(text: string): string {
  return text.slice(1, -1).replace(/\\(.)/g, '$1');
}

/** The value of an expression: a boolean, a literal, or UNKNOWN. */
export function evaluateExpression(node: Node, values: PipelineValues): unknown {
  switch (node.kind) {
    case 'value':
      return node.value;
    case 'name':
      return lookup(values, node.name);
    case 'not': {
      const truth = truthOf(evaluateExpression(node.operand, values));
      return truth === UNKNOWN ? UNKNOWN : !truth;
    }
    case 'and':
    case 'or': {
      // Short-circuit: `false and x` is false and `true or x` true, whatever x is.
      const decisive = node.kind === 'or';
      let unknown = false;
      for (const operand of node.operands) {
        const truth = truthOf(evaluateExpression(operand, values));
        if (truth === decisive) return decisive;
        if (truth === UNKNOWN) unknown = true;
      }
      return unknown ? UNKNOWN : !decisive;
    }
    case 'matches': {
      const left = evaluateExpression(node.left, values);
      if (left === UNKNOWN) return UNKNOWN;
      return typeof left === 'string' ? wholeMatch(node.pattern, left) : false;
    }
    case 'compare':
      return compare(
        node.op,
        evaluateExpression(node.left, values),
        evaluateExpression(node.right, values),
      );
  }
}

function compare(op: string, left: unknown, right: unknown): unknown {
  if (left === UNKNOWN || right === UNKNOWN) return UNKNOWN;
  // Values of different types are never equal (`==` false, `!=` true), never ordered.
  const sameType = typeof left === typeof right;
  switch (op) {
    case '==':
      return sameType && left === right;
    case '!=':
      return !sameType || left !== right;
    case 'starts-with':
      return typeof left === 'string' && typeof right === 'string' && left.startsWith(right);
  }
  const ordered = sameType && (typeof left === 'number' || typeof left === 'string');
  if (!ordered) return false;
  const [a, b] = [left as number | string, right as number | string];
  return op === '>=' ? a >= b : op === '>' ? a > b : op === '<=' ? a <= b : a < b;
}
