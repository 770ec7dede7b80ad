import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LabelSelector, selectorMatches } from '../../../lib';
import { NotModelled } from '../../../lib/dialects/read-result';
import { readCalicoSelector, readEndpointSelector, readNamespaceSelector } from '../../../lib/dialects/calico/read-selector';
import { calicoSelector, namespaceSelector, podSelector } from '../../../lib/dialects/calico/selector';
import { parseCalicoSelector, SelectorSyntaxError } from '../../../lib/dialects/calico/selector-parser';
import { labelSelector } from '../../support/arbitraries';
import { calicoSelectorMatches } from '../../support/calico-selector';

// The keys and values the arbitrary selectors use, so that random label sets hit them.
const labelSets = fc.dictionary(fc.constantFrom('app', 'tier', 'team', 'example.com/role', 'k8s-app', 'other'), fc.constantFrom('web', 'api', 'db', 'a', 'b', ''), { maxKeys: 4 });

describe('calicoSelector', () => {
  it('writes matchLabels by sorted key, then matchExpressions in order, values single-quoted', () => {
    const selector: LabelSelector = {
      matchLabels: { tier: 'backend', app: 'api' },
      matchExpressions: [
        { key: 'env', operator: 'In', values: ['prod', 'staging'] },
        { key: 'track', operator: 'NotIn', values: ['canary'] },
        { key: 'example.com/team', operator: 'Exists' },
        { key: 'legacy', operator: 'DoesNotExist' },
      ],
    };
    expect(calicoSelector(selector)).toBe(
      "app == 'api' && tier == 'backend' && env in { 'prod', 'staging' } && track not in { 'canary' } && has(example.com/team) && !has(legacy)",
    );
  });

  it('writes the empty selector as all(), and an empty label value as two quotes', () => {
    expect(calicoSelector({})).toBe('all()');
    expect(calicoSelector({ matchLabels: {}, matchExpressions: [] })).toBe('all()');
    expect(calicoSelector({ matchLabels: { app: '' } })).toBe("app == ''");
  });

  it('restricts pod selectors to pods, as Calico does with Kubernetes pod selectors', () => {
    expect(podSelector({})).toBe("projectcalico.org/orchestrator == 'k8s'");
    expect(podSelector({ matchLabels: { app: 'web' } })).toBe("projectcalico.org/orchestrator == 'k8s' && app == 'web'");
  });

  it('selects namespaces by projectcalico.org/name, by labels, or all', () => {
    expect(namespaceSelector({ names: ['shop'] })).toBe("projectcalico.org/name == 'shop'");
    expect(namespaceSelector({ names: ['a', 'b'] })).toBe("projectcalico.org/name in { 'a', 'b' }");
    expect(namespaceSelector({ selector: { matchLabels: { team: 'x' } } })).toBe("team == 'x'");
    expect(namespaceSelector('all')).toBe('all()');
  });

  it('is deterministic: the same selector always gives the same text, whatever its key order', () => {
    expect(calicoSelector({ matchLabels: { b: '1', a: '2' } })).toBe(calicoSelector({ matchLabels: { a: '2', b: '1' } }));
  });

  it('matches exactly the label sets the Kubernetes selector matches (property, against a Calico grammar evaluator)', () => {
    fc.assert(
      fc.property(labelSelector, labelSets, (selector, labels) => {
        expect(calicoSelectorMatches(calicoSelector(selector), labels)).toBe(selectorMatches(selector, labels));
        // The pod selector matches a pod's labels (Calico adds the orchestrator label) and never a host endpoint's.
        expect(calicoSelectorMatches(podSelector(selector), { ...labels, 'projectcalico.org/orchestrator': 'k8s' })).toBe(selectorMatches(selector, labels));
        expect(calicoSelectorMatches(podSelector(selector), labels)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('produces selectors that Calico parses (property)', () => {
    fc.assert(fc.property(labelSelector, (selector) => void parseCalicoSelector(podSelector(selector))));
  });
});

describe('the test evaluator of the Calico grammar', () => {
  const labels = { app: 'web', tier: 'front' };
  it.each([
    ["app == 'web'", true], ["app != 'web'", false], ["missing != 'x'", true], ["app in { 'api', 'web' }", true],
    ["missing not in { 'a' }", true], ['has(app)', true], ['!has(app)', false], ['all()', true], ['!all()', false],
    ["app == 'x' || tier == 'front'", true], ["!(app == 'web' && tier == 'front')", false], ["app starts with 'w'", true],
    ["app ends with 'b'", true], ["app contains 'e'", true], ["missing contains ''", false], ['', true],
  ])('%s is %s', (text, expected) => {
    expect(calicoSelectorMatches(text as string, labels)).toBe(expected);
  });
});

describe('parseCalicoSelector', () => {
  it('parses precedence as Calico does: ! binds tighter than &&, && tighter than ||', () => {
    expect(parseCalicoSelector("!a == 'x' && b == 'y' || has(c)")).toEqual({
      kind: 'or',
      operands: [
        { kind: 'and', operands: [{ kind: 'not', operand: { kind: 'compare', key: 'a', operator: '==', value: 'x' } }, { kind: 'compare', key: 'b', operator: '==', value: 'y' }] },
        { kind: 'has', key: 'c' },
      ],
    });
  });

  it('reads both quote styles, spaces inside calls and in word operators, and empty sets', () => {
    expect(parseCalicoSelector('has( a ) && b not  in {} && c starts with "x"')).toEqual({
      kind: 'and',
      operands: [{ kind: 'has', key: 'a' }, { kind: 'set', key: 'b', operator: 'not in', values: [] }, { kind: 'compare', key: 'c', operator: 'starts with', value: 'x' }],
    });
    expect(parseCalicoSelector('')).toEqual({ kind: 'all' });
  });

  it.each(["app = 'web'", "app == web", "app == 'web", 'has()', "app == 'a' &&", "(app == 'a'", "app in { 'a' ", "app 'a'", 'a & b'])('rejects %s', (text) => {
    expect(() => parseCalicoSelector(text)).toThrow(SelectorSyntaxError);
  });
});

describe('readCalicoSelector', () => {
  it('reads a conjunction of label tests, with != and not in matching a missing label as NotIn does', () => {
    expect(readCalicoSelector("app == 'web' && tier != 'db' && env in { 'a', 'b' } && x not in { 'c' } && has(y) && !has(z)")).toEqual({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'NotIn', values: ['db'] },
        { key: 'env', operator: 'In', values: ['a', 'b'] },
        { key: 'x', operator: 'NotIn', values: ['c'] },
        { key: 'y', operator: 'Exists' },
        { key: 'z', operator: 'DoesNotExist' },
      ],
    });
  });

  it('reads negated terms, all() and empty sets', () => {
    expect(readCalicoSelector("!(app == 'web') && !(b in { 'x' }) && !!has(c)")).toEqual({
      matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }, { key: 'b', operator: 'NotIn', values: ['x'] }, { key: 'c', operator: 'Exists' }],
    });
    expect(readCalicoSelector('all()')).toEqual({});
    expect(readCalicoSelector("a not in {}")).toEqual({});
    expect(selectorMatches(readCalicoSelector("a in {}"), { a: 'x' })).toBe(false);
    expect(selectorMatches(readCalicoSelector('!all()'), {})).toBe(false);
  });

  it('keeps label-test conjuncts as a label selector and the rest as its expression', () => {
    expect(readCalicoSelector("app == 'web' && (tier == 'a' || has(admin))")).toEqual({
      matchLabels: { app: 'web' },
      expression: { kind: 'or', operands: [{ kind: 'compare', key: 'tier', operator: '==', value: 'a' }, { kind: 'has', key: 'admin' }] },
    });
    expect(readCalicoSelector("app starts with 'w' && app ends with 'b'").expression).toEqual({
      kind: 'and',
      operands: [{ kind: 'compare', key: 'app', operator: 'startsWith', value: 'w' }, { kind: 'compare', key: 'app', operator: 'endsWith', value: 'b' }],
    });
  });

  it.each([
    ["app == 'a' &&", 'invalid selector'],
    ["app == 'a' || global()", 'global() within selector'],
  ])('does not model %s', (text, feature) => {
    expect(() => readCalicoSelector(text)).toThrow(NotModelled);
    expect(() => readCalicoSelector(text)).toThrow(feature);
  });

  it('reads back every compiled selector as one that matches the same label sets (property)', () => {
    fc.assert(
      fc.property(labelSelector, labelSets, (selector, labels) => {
        expect(selectorMatches(readCalicoSelector(calicoSelector(selector)), labels)).toBe(selectorMatches(selector, labels));
      }),
      { numRuns: 300 },
    );
  });

  // Random selectors of the whole grammar: read as one that matches the same label sets.
  const term = fc.oneof(
    fc.constantFrom('all()', 'has(app)', 'has(tier)', "app == 'web'", "app != 'api'", "tier in { 'a', 'b' }", "tier not in { 'a' }", "app in {}", "app contains 'e'", "app starts with 'w'", "tier ends with 'b'"),
  );
  const expression: fc.Arbitrary<string> = fc.letrec<{ expression: string }>((tie) => ({
    expression: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      term,
      tie('expression').map((inner) => `!${inner}`),
      tie('expression').map((inner) => `(${inner})`),
      fc.tuple(tie('expression'), tie('expression')).map(([a, b]) => `${a} && ${b}`),
      fc.tuple(tie('expression'), tie('expression')).map(([a, b]) => `${a} || ${b}`),
    ),
  })).expression;

  it('never reads a selector into one that matches differently (property over the grammar)', () => {
    const labels = fc.dictionary(fc.constantFrom('app', 'tier'), fc.constantFrom('web', 'api', 'a', 'b'), { maxKeys: 2 });
    fc.assert(
      fc.property(expression, labels, (text, each) => {
        expect(selectorMatches(readCalicoSelector(text), each)).toBe(calicoSelectorMatches(text, each));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('readEndpointSelector and readNamespaceSelector', () => {
  it('knows the pods-only term and leaves it out of the labels', () => {
    expect(readEndpointSelector("projectcalico.org/orchestrator == 'k8s' && app == 'web'")).toEqual({ pods: { matchLabels: { app: 'web' } }, podsOnly: true });
    expect(readEndpointSelector("app == 'web'")).toEqual({ pods: { matchLabels: { app: 'web' } }, podsOnly: false });
    expect(readEndpointSelector('')).toEqual({ pods: {}, podsOnly: false });
  });

  it("does not model Calico's other labels on pods, which the analysis does not know", () => {
    expect(() => readEndpointSelector("projectcalico.org/namespace == 'shop'")).toThrow("selector on Calico's own label projectcalico.org/namespace");
    expect(() => readEndpointSelector("projectcalico.org/orchestrator == 'openstack'")).toThrow(NotModelled);
  });

  it('reads namespace names from projectcalico.org/name, other selectors as selectors', () => {
    expect(readNamespaceSelector("projectcalico.org/name == 'shop'")).toEqual({ names: ['shop'] });
    expect(readNamespaceSelector("projectcalico.org/name in { 'a', 'b' }")).toEqual({ names: ['a', 'b'] });
    expect(readNamespaceSelector('all()')).toBe('all');
    expect(readNamespaceSelector("team == 'x'")).toEqual({ selector: { matchLabels: { team: 'x' } } });
    expect(readNamespaceSelector("team == 'x' || has(y)")).toEqual({ selector: { expression: { kind: 'or', operands: [{ kind: 'compare', key: 'team', operator: '==', value: 'x' }, { kind: 'has', key: 'y' }] } } });
    expect(readNamespaceSelector('global()')).toEqual({ selector: { expression: { kind: 'none' } } });
  });
});
