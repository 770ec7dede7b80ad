// A small evaluator of Calico's selector grammar (DIALECTS.md §5.2), written independently of
// lib/dialects/calico so that tests can check the compiler and the reader against it.
//
//   expr := and ('||' and)* ; and := unary ('&&' unary)*
//   unary := '!' unary | '(' expr ')' | 'all()' | 'has(' LABEL ')' | LABEL op
//   op := '==' STR | '!=' STR | 'in' SET | 'not in' SET | 'contains' STR | 'starts with' STR | 'ends with' STR
//
// `!=` and `not in` also match objects without the label; the other operators need it.

type Labels = Readonly<Record<string, string>>;

const TOKEN = /\s*(\|\||&&|==|!=|!|\(|\)|\{|\}|,|'[^']*'|"[^"]*"|all\(\)|has\(\s*[A-Za-z0-9_./-]+\s*\)|not\s+in\b|starts\s+with\b|ends\s+with\b|[A-Za-z0-9_./-]+)/y;

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) {
      if (/^\s*$/.test(text.slice(start))) break;
      throw new Error(`cannot tokenize "${text}" at ${start}`);
    }
    tokens.push(match[1].replace(/\s+/g, ' '));
  }
  return tokens;
}

/** Whether a Calico selector matches a set of labels, by Calico's documented semantics. */
export function calicoSelectorMatches(text: string, labels: Labels): boolean {
  const tokens = tokenize(text);
  let position = 0;
  const peek = () => tokens[position];
  const take = (expected?: string) => {
    const token = tokens[position++];
    if (expected !== undefined && token !== expected) throw new Error(`expected ${expected}, got ${token} in "${text}"`);
    return token;
  };
  const string = () => {
    const token = take();
    if (!/^['"]/.test(token)) throw new Error(`expected a string, got ${token} in "${text}"`);
    return token.slice(1, -1);
  };
  const has = (key: string) => Object.prototype.hasOwnProperty.call(labels, key);

  function expression(): boolean {
    let value = conjunction();
    while (peek() === '||') {
      take();
      const right = conjunction();
      value = value || right;
    }
    return value;
  }
  function conjunction(): boolean {
    let value = unary();
    while (peek() === '&&') {
      take();
      const right = unary();
      value = value && right;
    }
    return value;
  }
  function unary(): boolean {
    const token = take();
    if (token === '!') return !unary();
    if (token === '(') {
      const value = expression();
      take(')');
      return value;
    }
    if (token === 'all()') return true;
    if (token.startsWith('has(')) return has(token.slice(4, -1).trim());
    const key = token;
    const operator = take();
    if (operator === 'in' || operator === 'not in') {
      take('{');
      const values: string[] = [];
      while (peek() !== '}') {
        values.push(string());
        if (peek() === ',') take();
      }
      take('}');
      const inSet = has(key) && values.includes(labels[key]);
      return operator === 'in' ? inSet : !inSet;
    }
    const value = string();
    switch (operator) {
      case '==': return has(key) && labels[key] === value;
      case '!=': return !has(key) || labels[key] !== value;
      case 'contains': return has(key) && labels[key].includes(value);
      case 'starts with': return has(key) && labels[key].startsWith(value);
      case 'ends with': return has(key) && labels[key].endsWith(value);
      default: throw new Error(`unknown operator ${operator} in "${text}"`);
    }
  }

  if (tokens.length === 0) return true;
  const result = expression();
  if (position !== tokens.length) throw new Error(`unexpected ${peek()} in "${text}"`);
  return result;
}
