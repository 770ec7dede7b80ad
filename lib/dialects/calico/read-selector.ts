import { NamespaceSelection } from '../../model/peer';
import { LabelSelector, SelectorExpression, selectsEverything } from '../../model/selector';
import { NotModelled } from '../read-result';
import { CALICO_NAME_LABEL, ORCHESTRATOR_LABEL } from './selector';
import { parseCalicoSelector, SelectorNode, SelectorSyntaxError } from './selector-parser';

// Calico selectors read back as label selectors. A label selector is a conjunction of label tests,
// so a Calico selector reads back exactly when it is one: `||`, a negated group, global() and the
// string operators (contains, starts with, ends with) are not modelled.

// A key no object has: `has(k) && !has(k)` on it matches nothing, as `!all()` does.
const NO_OBJECT_KEY = 'netpol.cdk8s.io/nothing';

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

  add(node: SelectorNode, negated: boolean, text: string): void {
    switch (node.kind) {
      case 'all':
        if (negated) this.nothing();
        return;
      case 'has':
        this.expression(node.key, negated ? 'DoesNotExist' : 'Exists');
        return;
      case 'compare':
        if (node.operator !== '==' && node.operator !== '!=') throw new NotModelled(`selector operator "${node.operator}" in "${text}"`);
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
        this.add(node.operand, !negated, text);
        return;
      case 'and':
        if (negated) throw new NotModelled(`a negated group in selector "${text}"`);
        node.operands.forEach((operand) => this.add(operand, false, text));
        return;
      case 'or':
        throw new NotModelled(`selector with "||": "${text}"`);
      case 'global':
        throw new NotModelled(`global() in selector "${text}"`);
    }
  }

  build(): LabelSelector {
    return {
      ...(Object.keys(this.matchLabels).length > 0 && { matchLabels: this.matchLabels }),
      ...(this.matchExpressions.length > 0 && { matchExpressions: this.matchExpressions }),
    };
  }
}

/** A Calico selector as a label selector; throws NotModelled when it is not a conjunction of label tests. */
export function readCalicoSelector(text: string): LabelSelector {
  let node: SelectorNode;
  try {
    node = parseCalicoSelector(text);
  } catch (error) {
    if (error instanceof SelectorSyntaxError) throw new NotModelled(`invalid selector "${text}": ${error.message}`);
    throw error;
  }
  const builder = new SelectorBuilder();
  builder.add(node, false, text);
  return builder.build();
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
  const { matchLabels = {}, matchExpressions = [] } = readCalicoSelector(text);
  const { [ORCHESTRATOR_LABEL.key]: orchestrator, ...labels } = matchLabels;
  const podsOnly = orchestrator === ORCHESTRATOR_LABEL.value;
  const calicoKey = [...Object.keys(podsOnly ? labels : matchLabels), ...matchExpressions.map((expression) => expression.key)]
    .find((key) => key.startsWith('projectcalico.org/'));
  if (calicoKey !== undefined) throw new NotModelled(`selector on Calico's own label ${calicoKey} in "${text}"`);
  return { pods: { ...(Object.keys(labels).length > 0 && { matchLabels: labels }), ...(matchExpressions.length > 0 && { matchExpressions }) }, podsOnly };
}

/** A namespace selector: `all()` as 'all', `projectcalico.org/name` tests as names, the rest as a selector. */
export function readNamespaceSelector(text: string): NamespaceSelection {
  const selector = readCalicoSelector(text);
  if (selectsEverything(selector)) return 'all';
  const labels = Object.entries(selector.matchLabels ?? {});
  const expressions = selector.matchExpressions ?? [];
  if (labels.length === 1 && expressions.length === 0 && labels[0][0] === CALICO_NAME_LABEL) return { names: [labels[0][1]] };
  const [only] = expressions;
  if (labels.length === 0 && expressions.length === 1 && only.key === CALICO_NAME_LABEL && only.operator === 'In') return { names: [...(only.values ?? [])] };
  return { selector };
}
