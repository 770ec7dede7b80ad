import { z } from 'zod';
import { formatField, NetpolError } from './errors';
import { nearest } from './nearest';

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

/** The fields an object schema knows, by the `keys` array of the unrecognized_keys issue it raised. */
type KnownFields = Map<readonly string[], readonly string[]>;

/** A union's alternatives said in words, and the value it refused, by the `errors` array of its invalid_union issue. */
type UnionChoices = Map<readonly Issue[][], { alternatives: string[]; input: unknown }>;

/** What the error map records of a parse, for the explanation. */
interface Recorded {
  knownFields: KnownFields;
  unions: UnionChoices;
}

// A union reports every branch's failure; the branch that got furthest is the one the user meant,
// and of those, one that took the value's type (an object for an object branch), then one whose
// fields are near the unknown ones (`selectr` means the `selector` branch), then one that only
// refused a value near one of its own ('clusterr' means 'cluster'), whatever the order of the
// branches. When several are equally likely (`{ team: 'a' }` for `{ names }` or `{ selector }`,
// an object where a number or a string goes), the union's alternatives are said instead.
function explainUnion(errors: Issue[][], recorded: Recorded): { branch: Issue[] } | { alternatives: string; input: unknown } {
  const union = recorded.unions.get(errors);
  const misspeltHere = (issue: Issue) => issue.code === 'unrecognized_keys' && issue.keys.every((key) => nearest(key, recorded.knownFields.get(issue.keys) ?? []));
  const typeRefused = (issue: Issue) => issue.path.length === 0 && (issue.code === 'invalid_type' || (issue.code === 'invalid_value' && !nearValue(union?.input, issue.values)));
  const score = (issues: Issue[]) =>
    8 * Math.max(...issues.map((issue) => issue.path.length))
    + (issues.every(typeRefused) ? 0 : 4)
    + (issues.every((issue) => issue.code !== 'unrecognized_keys' || misspeltHere(issue)) ? 2 : 0)
    + (issues.every((issue) => issue.code === 'invalid_value' && nearValue(union?.input, issue.values)) ? 1 : 0);
  const scores = errors.map(score);
  const best = Math.max(...scores);
  const tied = errors.flatMap((_, index) => (scores[index] === best ? [index] : []));
  if (tied.length === 1 || union === undefined || union.alternatives.length !== errors.length) return { branch: errors[tied[0]] };
  return { alternatives: sayAlternatives(tied.map((index) => union.alternatives[index])), input: union.input };
}

// A string near one of the values a literal or enum takes: a misspelling of it.
function nearValue(input: unknown, values: readonly unknown[]): boolean {
  return typeof input === 'string' && nearest(input, values.filter((value): value is string => typeof value === 'string')) !== undefined;
}

function sayAlternatives(alternatives: readonly string[]): string {
  const unique = [...new Set(alternatives)];
  return unique.length === 1 ? unique[0] : `${unique.slice(0, -1).join(', ')} or ${unique[unique.length - 1]}`;
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

function flatten(issue: Issue, base: PropertyKey[], recorded: Recorded): Flat[] {
  const path = [...base, ...issue.path];
  if (issue.code === 'invalid_union' && issue.errors.length > 0) {
    const explained = explainUnion(issue.errors, recorded);
    if ('branch' in explained) return explained.branch.flatMap((inner) => flatten(inner, path, recorded));
    const message = explained.input === undefined ? `required: give ${explained.alternatives}` : `expected ${explained.alternatives}, got ${describeInput(explained.input)}`;
    return [{ path, message }];
  }
  if (issue.code === 'unrecognized_keys') {
    const known = recorded.knownFields.get(issue.keys) ?? [];
    return issue.keys.map((key) => {
      const meant = nearest(key, known);
      return { path: [...path, key], message: unknownFieldMessage(key, known), ...(meant && { meant: [...path, meant] }) };
    });
  }
  return [{ path, message: issue.message }];
}

// Flattened; a required field reported missing because it was misspelt is said once, by the misspelling.
function explainIssues(issues: readonly Issue[], prefix: PropertyKey[], recorded: Recorded): { path: PropertyKey[]; message: string }[] {
  const flat = issues.flatMap((issue) => flatten(issue, prefix, recorded));
  const meant = new Set(flat.flatMap((problem) => (problem.meant ? [formatField(problem.meant)] : [])));
  return flat.filter((problem) => !(problem.message.startsWith('required') && meant.has(formatField(problem.path))));
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? `"${value}"` : typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}

// An object by its fields: what tells one shape from another.
function describeInput(value: unknown): string {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return describe(value);
  const fields = Object.keys(value);
  return fields.length === 0 ? 'an empty object' : `an object with ${fields.join(', ')}`;
}

function withArticle(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

type SchemaDefinition = { type: string; shape?: object; values?: unknown[]; innerType?: z.core.$ZodType; element?: z.core.$ZodType; options?: z.core.$ZodType[] };

/** What a schema takes, in words: "an object with names", "\"all\"", "an array of strings". */
function describeSchema(schema: z.core.$ZodType | undefined): string | undefined {
  const definition = (schema as { _zod?: { def?: SchemaDefinition } } | undefined)?._zod?.def;
  if (!definition) return undefined;
  switch (definition.type) {
    case 'object': return `an object with ${Object.keys(definition.shape ?? {}).join(', ')}`;
    case 'record': return 'an object';
    case 'literal': return sayAlternatives((definition.values ?? []).map((value) => JSON.stringify(value)));
    case 'array': return definition.element?._zod.def.type === 'string' ? 'an array of strings' : 'an array';
    case 'readonly': return describeSchema(definition.innerType);
    default: return withArticle(definition.type);
  }
}

// Messages zod leaves generic, said in the user's terms. Recorded for the explanation: the fields
// a strict object knows (the issue keeps its `keys` array, not the schema), so an unknown one gets
// a suggestion, and a union's alternatives, said when no branch stands out.
function errorMap(recorded: Recorded) {
  return (issue: RawIssue): string | undefined => {
    if (issue.code === 'unrecognized_keys') {
      const shape = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
      recorded.knownFields.set(issue.keys, shape ? Object.keys(shape) : []);
      return undefined;
    }
    if (issue.code === 'invalid_union') {
      const options = (issue.inst as { _zod?: { def?: SchemaDefinition } } | undefined)?._zod?.def?.options ?? [];
      recorded.unions.set(issue.errors, { alternatives: options.map((option) => describeSchema(option) ?? 'a value'), input: issue.input });
      return undefined;
    }
    if (issue.code === 'invalid_type') {
      const expected = describeSchema(issue.inst as z.core.$ZodType | undefined) ?? withArticle(issue.expected);
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
  const problems = explained.length > 0 ? explained : explainIssues(result.error.issues, prefix, { knownFields: new Map(), unions: new Map() });
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
  const recorded: Recorded = { knownFields: new Map(), unions: new Map() };
  const explained = schema.safeParse(value, { error: errorMap(recorded) });
  return explainIssues(explained.error?.issues ?? [], prefix, recorded);
}
