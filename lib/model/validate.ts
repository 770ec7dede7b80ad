import { z } from 'zod';
import { formatField, NetpolError, Problem } from './errors';

type Issue = z.core.$ZodIssue;

// A union reports every branch's failure; the branch that got furthest is the one the user meant.
function bestBranch(branches: Issue[][]): Issue[] {
  const depth = (issues: Issue[]) => Math.max(...issues.map((issue) => issue.path.length));
  return branches.reduce((best, branch) => (depth(branch) > depth(best) ? branch : best));
}

function flatten(issue: Issue, base: PropertyKey[]): { path: PropertyKey[]; message: string }[] {
  const path = [...base, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    return bestBranch(issue.errors).flatMap((inner) => flatten(inner, path));
  }
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: [...path, key], message: `unknown field "${key}": check its spelling against the documented fields` }));
  }
  return [{ path, message: issue.message }];
}

/** Turns zod issues into problems that name where, the field (under `prefix`) and what would be valid. */
export function problemsFromIssues(issues: readonly Issue[], where: string, prefix: PropertyKey[] = []): Problem[] {
  return issues.flatMap((issue) => flatten(issue, prefix)).map(({ path, message }) => ({ where, field: formatField(path), message }));
}

/** Parses a value with a schema; throws a NetpolError naming `where` and each bad field. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, where: string, prefix: PropertyKey[] = []): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new NetpolError(problemsFromIssues(result.error.issues, where, prefix));
  return result.data;
}
