// TypeScript source text for plain values, written the way a person would: single quotes, bare
// keys where they are identifiers, and factory calls (`Code`) where a value has one.

/** Source text to insert as is, such as a factory call `Port.tcp(8080)`. */
export class Code {
  constructor(readonly text: string) {}
}

/** A string as a single-quoted TypeScript literal. */
export function quote(text: string): string {
  const escaped = JSON.stringify(text).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${escaped}'`;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** A value as a TypeScript literal on one line: strings, numbers, booleans, arrays, objects and Code. */
export function literal(value: unknown): string {
  if (value instanceof Code) return value.text;
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const fields = Object.entries(value).filter(([, field]) => field !== undefined);
    if (fields.length === 0) return '{}';
    return `{ ${fields.map(([key, field]) => `${IDENTIFIER.test(key) ? key : quote(key)}: ${literal(field)}`).join(', ')} }`;
  }
  throw new Error(`no TypeScript literal for ${String(value)}`);
}

/** A call `callee(args)`, on one line when it fits in `width`, else one argument per line, indented. */
export function call(callee: string, args: readonly string[], indent: string, width = 120): string {
  const flat = `${callee}(${args.join(', ')})`;
  if (indent.length + flat.length <= width) return flat;
  return `${callee}(\n${args.map((arg) => `${indent}  ${arg},`).join('\n')}\n${indent})`;
}

/** An identifier from a name: `api-to-payment` -> `ApiToPayment` (Pascal) or `apiToPayment`. */
export function identifier(name: string, pascal: boolean): string {
  const words = name.split(/[^A-Za-z0-9]+/).filter((word) => word.length > 0);
  const joined = words.map((word, index) => (index === 0 && !pascal ? word.charAt(0).toLowerCase() : word.charAt(0).toUpperCase()) + word.slice(1)).join('');
  const safe = joined.length === 0 ? 'Policy' : joined;
  return /^[0-9]/.test(safe) ? `${pascal ? 'P' : 'p'}${safe}` : safe;
}
