import { expressionKeys, LabelExpression } from '../../model/label-expression';
import { NamespaceSelection } from '../../model/peer';
import { LabelSelector, SelectorExpression, selectorKeys, selectsEverything } from '../../model/selector';
import { NotModelled } from '../read-result';
import { CALICO_NAME_LABEL, ORCHESTRATOR_LABEL } from './selector';
import { parseCalicoSelector, SelectorNode, SelectorSyntaxError } from './selector-parser';

// Calico selectors read back as label selectors. The conjuncts that are label tests (==, !=, in,
// not in, has, !has, all(), their negations) become matchLabels and matchExpressions, so that
// selectors that Kubernetes can say stay plain; the others (`||`, a negated group, contains,
// starts with, ends with) become the selector's label expression, which the analysis
// evaluates exactly and no dialect renders.

// A key no object has: `has(k) && !has(k)` on it matches nothing, as `!all()` does.
const NO_OBJECT_KEY = 'netpol.cdk8s.io/nothing';

// Whether a node, negated or not, is a conjunction of label tests.
function isLabelTest(node: SelectorNode, negated: boolean): boolean {
  switch (node.kind) {
    case 'all':
    case 'has':
    case 'set':
      return true;
    case 'compare':
      return node.operator === '==' || node.operator === '!=';
    case 'not':
      return isLabelTest(node.operand, !negated);
    case 'and':
      return !negated && node.operands.every((operand) => isLabelTest(operand, false));
    default:
      return false;
  }
}

class SelectorBuilder {
  readonly matchLabels: Record<string, string> = {};
  readonly matchExpressions: SelectorExpression[] = [];

  equals(key: string, value: string): void {
    const earlier = this.matchLabels[key];
    if (earlier === undefined) this.matchLabels[key] = value;
    else if (earlier !== value) this.matchExpressions.push({ key, operator: 'In', values: [value] });
  }

  expression(key: string, operator: SelectorExpression['operator'], values?: readonly string[]): void {
    this.matchExpressions.push({ key, operator, ...(values && { values: [...values] }) });
  }

  nothing(key = NO_OBJECT_KEY): void {
    this.expression(key, 'Exists');
    this.expression(key, 'DoesNotExist');
  }

  /** Adds a node that isLabelTest accepts. */
  add(node: SelectorNode, negated: boolean): void {
    switch (node.kind) {
      case 'all':
        if (negated) this.nothing();
        return;
      case 'has':
        this.expression(node.key, negated ? 'DoesNotExist' : 'Exists');
        return;
      case 'compare':
        // `k != v` (like NotIn) also matches objects without k.
        if ((node.operator === '==') !== negated) this.equals(node.key, node.value);
        else this.expression(node.key, 'NotIn', [node.value]);
        return;
      case 'set': {
        const include = (node.operator === 'in') !== negated;
        if (node.values.length > 0) this.expression(node.key, include ? 'In' : 'NotIn', node.values);
        else if (include) this.nothing(node.key);
        return;
      }
      case 'not':
        this.add(node.operand, !negated);
        return;
      case 'and':
        node.operands.forEach((operand) => this.add(operand, false));
        return;
    }
  }
}

const COMPARE_OPERATORS = { '==': '==', '!=': '!=', contains: 'contains', 'starts with': 'startsWith', 'ends with': 'endsWith' } as const;

// A parsed selector as a label expression. global() is a scope, not a label test (libcalico-go
// evaluates it as all()): only a namespaceSelector that is global() alone is read.
function toExpression(node: SelectorNode, text: string): LabelExpression {
  switch (node.kind) {
    case 'all':
      return node;
    case 'global':
      throw new NotModelled(`global() within selector "${text}"`);
    case 'has':
      return { kind: 'has', key: node.key };
    case 'compare':
      return { kind: 'compare', key: node.key, operator: COMPARE_OPERATORS[node.operator], value: node.value };
    case 'set':
      return { kind: node.operator === 'in' ? 'in' : 'notIn', key: node.key, values: [...node.values] };
    case 'not':
      return { kind: 'not', operand: toExpression(node.operand, text) };
    case 'and':
    case 'or':
      return { kind: node.kind, operands: node.operands.map((operand) => toExpression(operand, text)) };
  }
}

function parse(text: string): SelectorNode {
  try {
    return parseCalicoSelector(text);
  } catch (error) {
    if (error instanceof SelectorSyntaxError) throw new NotModelled(`invalid selector "${text}": ${error.message}`);
    throw error;
  }
}

/** A Calico selector as a label selector: its label-test conjuncts as such, the rest as a label expression. */
export function readCalicoSelector(text: string): LabelSelector {
  const node = parse(text);
  const builder = new SelectorBuilder();
  const rest: LabelExpression[] = [];
  for (const conjunct of node.kind === 'and' ? node.operands : [node]) {
    if (isLabelTest(conjunct, false)) builder.add(conjunct, false);
    else rest.push(toExpression(conjunct, text));
  }
  const expression: LabelExpression | undefined = rest.length > 1 ? { kind: 'and', operands: rest } : rest[0];
  return {
    ...(Object.keys(builder.matchLabels).length > 0 && { matchLabels: builder.matchLabels }),
    ...(builder.matchExpressions.length > 0 && { matchExpressions: builder.matchExpressions }),
    ...(expression && { expression }),
  };
}

/** An endpoint selector: the labels it tests, and whether POD_TERM restricts it to pods. */
export interface EndpointSelector {
  readonly pods: LabelSelector;
  readonly podsOnly: boolean;
}

/**
 * A selector of endpoints (pods, and unless POD_TERM says otherwise host endpoints and network
 * sets). The other labels Calico puts on pods (projectcalico.org/namespace, .../serviceaccount)
 * are not among the labels the analysis knows, so selectors on them are not modelled.
 */
export function readEndpointSelector(text: string): EndpointSelector {
  const { matchLabels = {}, ...others } = readCalicoSelector(text);
  const { [ORCHESTRATOR_LABEL.key]: orchestrator, ...labels } = matchLabels;
  const podsOnly = orchestrator === ORCHESTRATOR_LABEL.value;
  const pods = { ...(Object.keys(labels).length > 0 && { matchLabels: labels }), ...others };
  const calicoKey = selectorKeys(podsOnly ? pods : { matchLabels, ...others }).find((key) => key.startsWith('projectcalico.org/'));
  if (calicoKey !== undefined) throw new NotModelled(`selector on Calico's own label ${calicoKey} in "${text}"`);
  return { pods, podsOnly };
}

/**
 * A rule's notSelector, as the label expression its endpoints must not match. libcalico-go applies
 * it as written, unscoped (updateprocessors rules.go: NotSrcSelector/NotDstSelector); the rule's
 * other fields scope the endpoints it is subtracted from.
 */
export function readNotSelector(text: string): LabelExpression {
  const expression = toExpression(parse(text), text);
  const calicoKey = expressionKeys(expression).find((key) => key.startsWith('projectcalico.org/'));
  if (calicoKey !== undefined) throw new NotModelled(`notSelector on Calico's own label ${calicoKey} in "${text}"`);
  return expression;
}

/** A namespace selector: `all()` as 'all', `global()` as none, `projectcalico.org/name` tests as names, the rest as a selector. */
export function readNamespaceSelector(text: string): NamespaceSelection {
  // global() selects the objects outside namespaces (host endpoints, global network sets): no pod.
  if (parse(text).kind === 'global') return { selector: { expression: { kind: 'none' } } };
  const selector = readCalicoSelector(text);
  if (selectsEverything(selector)) return 'all';
  const labels = Object.entries(selector.matchLabels ?? {});
  const expressions = selector.matchExpressions ?? [];
  if (selector.expression) return { selector };
  if (labels.length === 1 && expressions.length === 0 && labels[0][0] === CALICO_NAME_LABEL) return { names: [labels[0][1]] };
  const [only] = expressions;
  if (labels.length === 0 && expressions.length === 1 && only.key === CALICO_NAME_LABEL && only.operator === 'In') return { names: [...(only.values ?? [])] };
  return { selector };
}
