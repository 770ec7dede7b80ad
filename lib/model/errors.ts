/** One thing wrong with an input: where (a construct path or a policy name), which field, and what would be valid. */
export interface Problem {
  /** The construct path (or policy name) the problem belongs to. */
  readonly where: string;
  /** The field within that input, e.g. `rules[0].ports[1].endPort`; empty for the whole input. */
  readonly field: string;
  /** What is wrong and what would be valid. */
  readonly message: string;
}

/** Formats a problem as one line: `where: field: message`. */
export function formatProblem(problem: Problem): string {
  return [problem.where, problem.field, problem.message].filter((part) => part.length > 0).join(': ');
}

/** Thrown for invalid input: every problem found, each naming its place, field and what would be valid. */
export class NetpolError extends Error {
  constructor(readonly problems: readonly Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'NetpolError';
  }
}

/** Formats a field path such as ['rules', 0, 'ports'] as `rules[0].ports`. */
export function formatField(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else if (typeof part === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(part)) text += text ? `.${part}` : part;
    else text += `[${JSON.stringify(String(part))}]`;
  }
  return text;
}
