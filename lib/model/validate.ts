import { z } from 'zod';
import { formatField, NetpolError } from './errors';
import { nearest } from './nearest';

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

/** The fields an object schema knows, by the `keys` array of the unrecognized_keys issue it raised. */
type KnownFields = Map<readonly string[], readonly string[]>;

// A union reports every branch's failure; the branch that got furthest is the one the user meant,
// and of those, one whose fields are near the unknown ones (`selectr` means the `selector` branch),
// then one that took the value's type and only refused the value ('clusterr' means 'cluster'),
// whatever the order of the branches.
function bestBranch(branches: Issue[][], knownFields: KnownFields): Issue[] {
  const misspeltHere = (issue: Issue) => issue.code === 'unrecognized_keys' && issue.keys.every((key) => nearest(key, knownFields.get(issue.keys) ?? []));
  const score = (issues: Issue[]) =>
    4 * Math.max(...issues.map((issue) => issue.path.length))
    + (issues.every((issue) => issue.code !== 'unrecognized_keys' || misspeltHere(issue)) ? 2 : 0)
    + (issues.every((issue) => issue.code === 'invalid_value') ? 1 : 0);
  return branches.reduce((best, branch) => (score(branch) > score(best) ? branch : best));
}

/** What to say about a field the schema does not know: the known field it most likely meant. */
export function unknownFieldMessage(key: string, known: readonly string[]): string {
  const suggestion = nearest(key, known);
  if (suggestion) return `unknown field: did you mean \`${suggestion}\`?`;
  return known.length > 0 ? `unknown field: the fields are ${known.map((name) => `\`${name}\``).join(', ')}` : 'unknown field: this object takes no fields';
}

interface Flat {
  path: PropertyKey[];
  message: string;
  /** For an unknown field: the path of the known field it most likely meant. */
  meant?: PropertyKey[];
}

function flatten(issue: Issue, base: PropertyKey[], knownFields: KnownFields): Flat[] {
  const path = [...base, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    return bestBranch(issue.errors, knownFields).flatMap((inner) => flatten(inner, path, knownFields));
  }
  if (issue.code === 'unrecognized_keys') {
    const known = knownFields.get(issue.keys) ?? [];
    return issue.keys.map((key) => {
      const meant = nearest(key, known);
      return { path: [...path, key], message: unknownFieldMessage(key, known), ...(meant && { meant: [...path, meant] }) };
    });
  }
  return [{ path, message: issue.message }];
}

// Flattened; a required field reported missing because it was misspelt is said once, by the misspelling.
function explainIssues(issues: readonly Issue[], prefix: PropertyKey[], knownFields: KnownFields): { path: PropertyKey[]; message: string }[] {
  const flat = issues.flatMap((issue) => flatten(issue, prefix, knownFields));
  const meant = new Set(flat.flatMap((problem) => (problem.meant ? [formatField(problem.meant)] : [])));
  return flat.filter((problem) => !(problem.message.startsWith('required') && meant.has(formatField(problem.path))));
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? `"${value}"` : typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

// Messages zod leaves generic, said in the user's terms; the fields a strict object knows are
// recorded (the issue keeps its `keys` array, not the schema) so an unknown one gets a suggestion.
function errorMap(knownFields: KnownFields) {
  return (issue: RawIssue): string | undefined => {
    if (issue.code === 'unrecognized_keys') {
      const shape = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
      knownFields.set(issue.keys, shape ? Object.keys(shape) : []);
      return undefined;
    }
    if (issue.code === 'invalid_type') {
      const shape = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
      const expected = shape ? `an object with ${Object.keys(shape).join(', ')}` : issue.expected === 'record' ? 'an object' : `${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`;
      return issue.input === undefined ? `required: give ${expected}` : `expected ${expected}, got ${describe(issue.input)}`;
    }
    if (issue.code === 'invalid_value' && typeof issue.input === 'string') {
      const values = issue.values.filter((value): value is string => typeof value === 'string');
      const suggestion = nearest(issue.input, values);
      return `"${issue.input}" is not one of ${values.join(', ')}${suggestion ? `: did you mean \`${suggestion}\`?` : ''}`;
    }
    return undefined;
  };
}

/** Parses a value with a schema; throws a NetpolError naming `where` and each bad field. */
export function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, where: string, prefix: PropertyKey[] = []): T {
  const result = parserOf(schema).safeParse(value);
  if (result.success) return result.data;
  // Explained by a second parse; should that one pass (a refinement with state), the first one's issues are said.
  const explained = explain(schema, value, prefix);
  const problems = explained.length > 0 ? explained : explainIssues(result.error.issues, prefix, new Map());
  throw new NetpolError(problems.map(({ path, message }) => ({ where, field: formatField(path), message })));
}

/**
 * How many values a schema parses before it is compiled. zod's z.compile generates one parser for
 * a whole schema, which makes far fewer objects per parse than zod's own (building P2's 50,000
 * policies allocates 40% less, bench/), but compiling the policy schema takes tens of
 * milliseconds: an app of a few thousand policies would not get that back, 50,000 do.
 */
export const PARSES_BEFORE_COMPILING = 5000;

const parses = new WeakMap<z.ZodType, number>();
const compiled = new WeakMap<z.ZodType, z.ZodType>();

// The compiled parser hands a value it refuses to zod's own, so problems are found and said the same.
function parserOf<T>(schema: z.ZodType<T>): z.ZodType<T> {
  const fast = compiled.get(schema);
  if (fast) return fast as z.ZodType<T>;
  const count = (parses.get(schema) ?? 0) + 1;
  parses.set(schema, count);
  if (count < PARSES_BEFORE_COMPILING) return schema;
  const made = z.compile(schema);
  compiled.set(schema, made);
  return made;
}

/**
 * What is wrong with a value a schema refused, each problem by its path (under `prefix`) and in
 * the user's terms. Parsed again for the messages: valid input (nearly all of it) pays for no error map.
 */
export function explain(schema: z.ZodType, value: unknown, prefix: PropertyKey[] = []): { path: PropertyKey[]; message: string }[] {
  const knownFields: KnownFields = new Map();
  const explained = schema.safeParse(value, { error: errorMap(knownFields) });
  return explainIssues(explained.error?.issues ?? [], prefix, knownFields);
}
