import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { policyPropsSchema } from '../../lib/constructs/policy';
import { policyIntentSchema } from '../../lib/model/intent';
import { PARSES_BEFORE_COMPILING, parseOrThrow } from '../../lib/model/validate';
import { kubernetesIntent } from '../support/arbitraries';

// parseOrThrow compiles a schema (z.compile) once it has parsed many values: the compiled parser
// must accept, refuse and produce exactly what the schema itself does.

const BAD_VALUES = ['Bad_Name!', '', 'x'.repeat(70), -1, 1.5, Number.NaN, null, true, {}, [], { unknown: 1 }, ['ingress', 'ingress'], 'all', 'cluster'];

/** Every path into a value (its own root included). */
function pathsOf(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) return [at];
  return [at, ...Object.entries(value).flatMap(([key, inner]) => pathsOf(inner, [...at, Array.isArray(value) ? Number(key) : key]))];
}

/** The value with the thing at `path` replaced (or, at the root, the replacement itself). */
function replaced(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy: any = Array.isArray(value) ? [...value] : { ...(value as object) };
  copy[path[0]] = replaced(copy[path[0]], path.slice(1), replacement);
  return copy;
}

/** An intent with one field (anywhere in it) replaced by a value that is often wrong there, or an unknown field added. */
const mutatedIntent = fc.tuple(kubernetesIntent, fc.nat(), fc.constantFrom(...BAD_VALUES), fc.boolean()).map(([intent, pick, bad, addField]) => {
  const paths = pathsOf(intent);
  const path = paths[pick % paths.length];
  return addField ? replaced(intent, [...path, 'extra'], bad) : replaced(intent, path, bad);
});

function sameOutcome(schema: z.ZodType, compiled: z.ZodType, value: unknown): void {
  const expected = schema.safeParse(value);
  const actual = compiled.safeParse(value);
  expect(actual.success).toBe(expected.success);
  if (expected.success) expect(actual.data).toEqual(expected.data);
  else expect(actual.error?.issues).toEqual(expected.error.issues);
}

describe('compiled schemas', () => {
  const intents = z.compile(policyIntentSchema);

  it('accept every valid intent and give back the same value (property)', () => {
    fc.assert(fc.property(kubernetesIntent, (intent) => sameOutcome(policyIntentSchema, intents, intent)));
  });

  it('refuse what the schema refuses, with the same issues (property)', () => {
    fc.assert(fc.property(mutatedIntent, (intent) => sameOutcome(policyIntentSchema, intents, intent)), { numRuns: 500 });
  });

  it('do the same for Policy props', () => {
    const props = z.compile(policyPropsSchema);
    for (const value of [{}, { name: 'web', select: { app: 'web' }, isolate: ['ingress'] }, { nmae: 'web' }, { order: 'first' }, { select: 'web' }, { tier: null }]) {
      sameOutcome(policyPropsSchema, props, value);
    }
  });

  it('leave parseOrThrow saying the same once the schema is compiled', () => {
    // A schema of its own, so this test alone decides when it is compiled.
    const schema = policyIntentSchema.and(z.object({}));
    const bad = { name: 'web', scope: { namespace: 'Shop' }, subject: { pods: { matchLabels: { 'bad key': 'x' } } }, isolate: ['ingress'], rules: [], extra: 1 };
    const good = { name: 'web', scope: { namespace: 'shop' }, subject: { pods: {} }, isolate: ['ingress'], rules: [] };
    const message = () => {
      try {
        parseOrThrow(schema, bad, 'chart/Web');
      } catch (error) {
        return (error as Error).message;
      }
      throw new Error('not refused');
    };
    const cold = message();
    for (let index = 0; index < PARSES_BEFORE_COMPILING; index++) expect(parseOrThrow(schema, good, 'chart/Web')).toEqual(good);
    expect(message()).toBe(cold);
    expect(cold).toContain('scope.namespace: "Shop" is not a DNS-1123 label');
  });
});

describe('parseOrThrow', () => {
  it('says the first parse\'s problem when the parse that explains passes (a refinement with state)', () => {
    let calls = 0;
    const flaky = z.string().refine(() => ++calls > 1, { message: 'refused the first time' });
    expect(() => parseOrThrow(flaky, 'x', 'chart/Web', ['name'])).toThrow('chart/Web: name: refused the first time');
  });
});
