/**
 * The YAML parser's own stages (lexer, parser, composer), driven one token at a time so that
 * reading a large file asks the deadline as it goes: `parseDocument` would read 5 MB in one
 * uninterruptible call (about 3 s on a small runner). Keys are not checked for uniqueness here,
 * which the parser does in quadratic time; bounds.ts's measure pass does it in linear time.
 */
import {
  Composer,
  type Document,
  Lexer,
  LineCounter,
  type ParsedNode,
  Parser,
  type YAMLError,
} from 'yaml';
import { type Deadline, NotChecked, TIME_IS_UP } from './bounds.js';

export interface ParsedYaml {
  document: Document.Parsed<ParsedNode, true>;
  /** `line 3, column 1` for an offset in the text */
  where: (offset: number) => string;
}

/** Tokens read between two looks at the clock. */
const TOKENS_PER_LOOK = 1024;

export function parseYaml(text: string, deadline: Deadline): ParsedYaml {
  const lines = new LineCounter();
  const parser = new Parser(lines.addNewLine);
  lines.addNewLine(0);
  const tokens = [];
  const before = deadline.spent();
  let count = 0;
  for (const lexeme of new Lexer().lex(text, false)) {
    if (++count % TOKENS_PER_LOOK === 0) deadline.check();
    for (const token of parser.next(lexeme)) tokens.push(token);
  }
  for (const token of parser.end()) tokens.push(token);
  // Composing cannot be interrupted, and takes less time than reading did (a third to a half,
  // measured on configs of 1 to 5 MB): it starts only when that much time is left.
  if (deadline.left() < deadline.spent() - before) throw new NotChecked(TIME_IS_UP);
  const composer = new Composer({ merge: true, uniqueKeys: false });
  const documents = [];
  for (const token of tokens) documents.push(...composer.next(token));
  documents.push(...composer.end(true, text.length));
  const [document, another] = documents;
  if (!document) throw new NotChecked('it holds no YAML document');
  const where = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return `line ${line}, column ${col}`;
  };
  if (another)
    throw new NotChecked(
      `it holds more than one YAML document (--- at ${where(another.range[0])})`,
    );
  return { document, where };
}

/** A parser error as one line: `Flow sequence ... end with a ] at line 3, column 1`. */
export function errorLine(error: YAMLError, where: (offset: number) => string): string {
  return `${error.message.split('\n')[0]?.replace(/[:.]$/, '')} at ${where(error.pos[0])}`;
}
