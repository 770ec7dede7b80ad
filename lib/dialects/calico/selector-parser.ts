// Calico's selector language, parsed as Calico parses it (DIALECTS.md §5.2; projectcalico/calico
// libcalico-go/lib/selector/tokenizer/tokenizer.go and parser/parser.go): `||` binds loosest, then
// `&&`, then `!`; an empty selector is all().

/** A parsed Calico selector. */
export type SelectorNode =
  | { readonly kind: 'all' }
  | { readonly kind: 'global' }
  | { readonly kind: 'has'; readonly key: string }
  | { readonly kind: 'compare'; readonly key: string; readonly operator: CompareOperator; readonly value: string }
  | { readonly kind: 'set'; readonly key: string; readonly operator: 'in' | 'not in'; readonly values: readonly string[] }
  | { readonly kind: 'not'; readonly operand: SelectorNode }
  | { readonly kind: 'and' | 'or'; readonly operands: readonly SelectorNode[] };

export type CompareOperator = '==' | '!=' | 'contains' | 'starts with' | 'ends with';

/** Thrown for a selector Calico would reject, saying why. */
export class SelectorSyntaxError extends Error {}

type Token =
  | { kind: '(' | ')' | '{' | '}' | ',' | '&&' | '||' | '!' | 'all' | 'global' | 'eof' }
  | { kind: CompareOperator | 'in' | 'not in' }
  | { kind: 'label' | 'string' | 'has'; value: string };

const LABEL = /^[A-Za-z0-9_./-]{1,512}/;
const SYMBOLS = ['&&', '||', '==', '!=', '(', ')', '{', '}', ',', '!'] as const;
// Operators that follow a label, longest first; Calico allows spaces or tabs between the words.
const WORD_OPERATORS: [RegExp, CompareOperator | 'in' | 'not in'][] = [
  [/^contains/, 'contains'],
  [/^starts[ \t]*with/, 'starts with'],
  [/^ends[ \t]*with/, 'ends with'],
  [/^not[ \t]*in/, 'not in'],
  [/^in/, 'in'],
];

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let rest = input;
  for (;;) {
    rest = rest.replace(/^[ \t]+/, '');
    if (rest.length === 0) return [...tokens, { kind: 'eof' }];
    const previous = tokens[tokens.length - 1]?.kind;
    const quote = rest[0] === "'" || rest[0] === '"' ? rest[0] : undefined;
    const symbol = SYMBOLS.find((candidate) => rest.startsWith(candidate));
    if (quote) {
      const end = rest.indexOf(quote, 1);
      if (end < 0) throw new SelectorSyntaxError('unterminated string');
      tokens.push({ kind: 'string', value: rest.slice(1, end) });
      rest = rest.slice(end + 1);
    } else if (symbol) {
      tokens.push({ kind: symbol } as Token);
      rest = rest.slice(symbol.length);
    } else if (previous === 'label') {
      const found = WORD_OPERATORS.find(([pattern]) => pattern.test(rest));
      if (!found) throw new SelectorSyntaxError(`expected an operator after a label, not "${rest}"`);
      tokens.push({ kind: found[1] });
      rest = rest.slice((found[0].exec(rest) as RegExpExecArray)[0].length);
    } else {
      const call = /^(has|all|global)\([ \t]*([A-Za-z0-9_./-]{0,512})[ \t]*\)/.exec(rest);
      const label = LABEL.exec(rest);
      if (call) {
        const [text, name, argument] = call;
        if ((name === 'has') !== (argument.length > 0)) throw new SelectorSyntaxError(`malformed ${name}(...)`);
        tokens.push(name === 'has' ? { kind: 'has', value: argument } : { kind: name as 'all' | 'global' });
        rest = rest.slice(text.length);
      } else if (label) {
        tokens.push({ kind: 'label', value: label[0] });
        rest = rest.slice(label[0].length);
      } else {
        throw new SelectorSyntaxError(`unexpected characters "${rest}"`);
      }
    }
  }
}

class Parser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  parse(): SelectorNode {
    if (this.peek().kind === 'eof') return { kind: 'all' };
    const node = this.list('||', 'or', () => this.list('&&', 'and', () => this.operation()));
    if (this.peek().kind !== 'eof') throw new SelectorSyntaxError(`unexpected "${this.peek().kind}" after the end of the selector`);
    return node;
  }

  private peek(): Token {
    return this.tokens[this.position];
  }

  private next(): Token {
    return this.tokens[this.position++];
  }

  private list(separator: '||' | '&&', kind: 'or' | 'and', item: () => SelectorNode): SelectorNode {
    const operands = [item()];
    while (this.peek().kind === separator) {
      this.next();
      operands.push(item());
    }
    return operands.length === 1 ? operands[0] : { kind, operands };
  }

  private operation(): SelectorNode {
    let negated = false;
    while (this.peek().kind === '!') {
      this.next();
      negated = !negated;
    }
    const node = this.positive();
    return negated ? { kind: 'not', operand: node } : node;
  }

  private positive(): SelectorNode {
    const token = this.next();
    switch (token.kind) {
      case 'all':
      case 'global':
        return { kind: token.kind };
      case 'has':
        return { kind: 'has', key: token.value };
      case '(': {
        const node = this.list('||', 'or', () => this.list('&&', 'and', () => this.operation()));
        if (this.next().kind !== ')') throw new SelectorSyntaxError('expected )');
        return node;
      }
      case 'label':
        return this.comparison(token.value);
      default:
        throw new SelectorSyntaxError(`unexpected "${token.kind}"`);
    }
  }

  private comparison(key: string): SelectorNode {
    const operator = this.next();
    if (operator.kind === 'in' || operator.kind === 'not in') {
      if (this.next().kind !== '{') throw new SelectorSyntaxError(`expected a set literal after ${operator.kind}`);
      const values: string[] = [];
      while (this.peek().kind === 'string') {
        values.push((this.next() as { value: string }).value);
        if (this.peek().kind !== ',') break;
        this.next();
      }
      if (this.next().kind !== '}') throw new SelectorSyntaxError('expected }');
      return { kind: 'set', key, operator: operator.kind, values };
    }
    if (!['==', '!=', 'contains', 'starts with', 'ends with'].includes(operator.kind)) {
      throw new SelectorSyntaxError(`expected an operator after label ${key}`);
    }
    const value = this.next();
    if (value.kind !== 'string') throw new SelectorSyntaxError(`expected a quoted string after ${key} ${operator.kind}`);
    return { kind: 'compare', key, operator: operator.kind as CompareOperator, value: value.value };
  }
}

/** Parses a Calico selector; throws a SelectorSyntaxError for one Calico would reject. */
export function parseCalicoSelector(text: string): SelectorNode {
  return new Parser(tokenize(text)).parse();
}
