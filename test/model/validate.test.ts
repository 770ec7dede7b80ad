// How a refused union is explained: by the branch the user most likely meant, or, when no branch
// stands out, by the alternatives it takes.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseOrThrow } from '../../lib/model/validate';

const BRANCHES: z.ZodType[] = [
  z.literal('all'),
  z.array(z.string()),
  z.strictObject({ names: z.array(z.string()) }),
  z.strictObject({ selector: z.record(z.string(), z.string()) }),
];
const ALTERNATIVES = ['"all"', 'an array of strings', 'an object with names', 'an object with selector'];

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

function messageOf(schema: z.ZodType, value: unknown): string {
  try {
    parseOrThrow(schema, value, 'here', ['namespaces']);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${JSON.stringify(value)} was accepted`);
}

describe('a refused union', () => {
  it.each([
    ['al', 'here: namespaces: "al" is not one of all: did you mean `all`?'],
    [{ selectr: { team: 'a' } }, 'here: namespaces.selectr: unknown field: did you mean `selector`?'],
    [{ names: 'a' }, 'here: namespaces.names: expected an array of strings, got "a"'],
    [['a', 1], 'here: namespaces[1]: expected a string, got number 1'],
  ])('is explained by the branch that stands out, whatever the order of the branches: %j', (value, message) => {
    for (const order of permutations(BRANCHES)) expect(messageOf(z.union(order as [z.ZodType, ...z.ZodType[]]), value)).toBe(message);
  });

  it.each([
    // Labels given where { selector } was meant, both forms at once, nothing: the two object shapes are as likely.
    [{ team: 'a' }, ['an object with names', 'an object with selector'], 'an object with team'],
    [{ selector: { team: 'a' }, names: ['b'] }, ['an object with names', 'an object with selector'], 'an object with selector, names'],
    [{}, ['an object with names', 'an object with selector'], 'an empty object'],
    // A value of no branch's type, or a string that is no misspelling of 'all' (one namespace's name, meant as a list).
    [42, ALTERNATIVES, 'number 42'],
    ['team-a', ALTERNATIVES, '"team-a"'],
    [null, ALTERNATIVES, 'null'],
  ])('says the alternatives when no branch stands out: %j', (value, alternatives, got) => {
    for (const order of permutations(BRANCHES)) {
      const said = order.map((branch) => ALTERNATIVES[BRANCHES.indexOf(branch)]).filter((alternative) => alternatives.includes(alternative));
      expect(messageOf(z.union(order as [z.ZodType, ...z.ZodType[]]), value)).toBe(`here: namespaces: expected ${said.slice(0, -1).join(', ')} or ${said[said.length - 1]}, got ${got}`);
    }
  });

  it('says a missing value is required, with the alternatives', () => {
    expect(messageOf(z.object({ port: z.union([z.number(), z.string()]) }), {})).toBe('here: namespaces.port: required: give a number or a string');
  });
});
