import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { labelSelectorSchema, LabelSelector, selectorMatches, toSelector } from '../../lib/model/selector';
import { parseOrThrow } from '../../lib/model/validate';

describe('selectorMatches (Kubernetes semantics)', () => {
  const labels = { app: 'web', tier: 'front' };
  it.each<[string, LabelSelector, boolean]>([
    ['empty selects everything', {}, true],
    ['matchLabels equal', { matchLabels: { app: 'web' } }, true],
    ['matchLabels other value', { matchLabels: { app: 'api' } }, false],
    ['matchLabels missing key', { matchLabels: { env: 'prod' } }, false],
    ['In', { matchExpressions: [{ key: 'app', operator: 'In', values: ['api', 'web'] }] }, true],
    ['In on a missing key', { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }, false],
    ['NotIn', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, false],
    ['NotIn on a missing key matches', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, true],
    ['Exists', { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, true],
    ['DoesNotExist on a missing key', { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, true],
    ['DoesNotExist on a present key', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
    ['everything ANDed', { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] }, false],
  ])('%s', (_, selector, expected) => {
    expect(selectorMatches(selector, labels)).toBe(expected);
  });

  it('an empty-string value is a value', () => {
    expect(selectorMatches({ matchLabels: { flag: '' } }, { flag: '' })).toBe(true);
    expect(selectorMatches({ matchLabels: { flag: '' } }, {})).toBe(false);
  });

  it('a matchLabels entry means the same as In with one value (property)', () => {
    const token = fc.constantFrom('a', 'b', 'c');
    fc.assert(
      fc.property(token, token, fc.dictionary(token, token), (key, value, labels) =>
        selectorMatches({ matchLabels: { [key]: value } }, labels) === selectorMatches({ matchExpressions: [{ key, operator: 'In', values: [value] }] }, labels),
      ),
    );
  });
});

describe('toSelector', () => {
  it('turns plain labels into matchLabels', () => expect(toSelector({ app: 'web' })).toEqual({ matchLabels: { app: 'web' } }));
  it('passes a selector through', () => {
    const selector = { matchExpressions: [{ key: 'app', operator: 'Exists' as const }] };
    expect(toSelector(selector)).toBe(selector);
  });
  it('keeps a label literally named matchLabels as a label', () => expect(toSelector({ matchLabels: 'x' })).toEqual({ matchLabels: { matchLabels: 'x' } }));
  it('treats {} as everything', () => expect(toSelector({})).toEqual({}));
});

describe('label selector validation', () => {
  const parse = (selector: unknown) => parseOrThrow(labelSelectorSchema, selector, 'chart/Policy', ['select']);
  it('names the field and what would be valid', () => {
    expect(() => parse({ matchExpressions: [{ key: 'app', operator: 'In', values: [] }] })).toThrow(
      'chart/Policy: select.matchExpressions[0].values: operator In needs at least one value',
    );
    expect(() => parse({ matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] })).toThrow(/operator Exists takes no values/);
    expect(() => parse({ matchExpressions: [{ key: 'app', operator: 'Equals', values: ['x'] }] })).toThrow(/select.matchExpressions\[0\].operator/);
    expect(() => parse({ matchLabels: { 'bad key!': 'x' } })).toThrow(/select.matchLabels\["bad key!"\]: label key "bad key!" has an invalid name/);
    expect(() => parse({ matchLabels: { app: 'bad value!' } })).toThrow(/select.matchLabels.app: label value "bad value!" is invalid/);
    expect(() => parse({ matchLabel: { app: 'web' } })).toThrow("select.matchLabel: unknown field: did you mean `matchLabels`?");
  });
  it('reports every problem at once', () => {
    try {
      parse({ matchLabels: { 'a/b/c': 'x', ok: '-' } });
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message.split('\n')).toHaveLength(2);
    }
  });
});
