// Whether one rule matches everything another does, by their text (so it errs towards "no": a
// rule it calls covered is covered on every cluster). Peers and ports are compared as sets of what
// they match; an L7-restricted rule covers only a rule with the same L7 matches.
import { addressesOf } from '../analysis/endpoints';
import { isL7Restricted } from '../analysis/decide';
import { NamespaceSelection, Peer } from '../model/peer';
import { Port } from '../model/port';
import { Rule } from '../model/rule';
import { LabelSelector, SelectorExpression, selectsEverything } from '../model/selector';

/** Whether every connection `b` matches, `a` matches too (same direction), and `a` decides it when it comes first. */
export function ruleCovers(a: Rule, b: Rule): boolean {
  if (a.direction !== b.direction) return false;
  if (isL7Restricted(a) && JSON.stringify([a.http, a.dns]) !== JSON.stringify([b.http, b.dns])) return false;
  // Ports a takes out (by name: per pod) leave it covering only rules that take out the same.
  if (a.exceptPorts && JSON.stringify(a.exceptPorts) !== JSON.stringify(b.exceptPorts)) return false;
  return listCovers(a.peers, b.peers, peerCovers) && listCovers(a.ports, b.ports, portCovers);
}

/** Whether a selector selects every pod another selects: its requirements are among the other's. */
export function selectorCovers(a: LabelSelector, b: LabelSelector): boolean {
  const labels = b.matchLabels ?? {};
  const labelsHold = Object.entries(a.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  // A label expression (read from Calico) narrows a: compared by text, so only the same one is implied.
  const expressionHolds = a.expression === undefined || JSON.stringify(a.expression) === JSON.stringify(b.expression);
  return labelsHold && expressionHolds && (a.matchExpressions ?? []).every((expression) => expressionImplied(expression, b));
}

/** Whether a namespace selection (absent: the policy's own namespace) includes every namespace another does. */
export function namespacesCover(a: NamespaceSelection | undefined, b: NamespaceSelection | undefined): boolean {
  if (a === 'all' || JSON.stringify(a) === JSON.stringify(b)) return true;
  if (a === undefined || b === undefined || b === 'all') return false;
  if ('names' in a) return 'names' in b && b.names.every((name) => a.names.includes(name));
  return 'selector' in b && selectorCovers(a.selector, b.selector);
}

// [] means any: it covers everything and only it covers [].
function listCovers<T>(a: readonly T[], b: readonly T[], covers: (x: T, y: T) => boolean): boolean {
  if (a.length === 0) return true;
  return b.length > 0 && b.every((y) => a.some((x) => covers(x, y)));
}

function expressionImplied(expression: SelectorExpression, b: LabelSelector): boolean {
  const text = JSON.stringify(expression);
  if ((b.matchExpressions ?? []).some((other) => JSON.stringify(other) === text)) return true;
  const value = b.matchLabels?.[expression.key];
  if (value === undefined) return false;
  return expression.operator === 'Exists' || (expression.operator === 'In' && (expression.values ?? []).includes(value)) || (expression.operator === 'NotIn' && !(expression.values ?? []).includes(value));
}

function peerCovers(a: Peer, b: Peer): boolean {
  if (JSON.stringify(a) === JSON.stringify(b)) return true;
  // Pods selected by {} are every pod of their namespaces, as a namespaces peer.
  const allPodsOf = a.kind === 'namespaces' ? a.namespaces : a.kind === 'pods' && selectsEverything(a.pods) ? a.namespaces : null;
  switch (b.kind) {
    case 'pods':
      return (allPodsOf !== null && namespacesCover(allPodsOf, b.namespaces)) || (a.kind === 'pods' && namespacesCover(a.namespaces, b.namespaces) && selectorCovers(a.pods, b.pods));
    case 'namespaces':
    case 'serviceAccount':
      return allPodsOf !== null && namespacesCover(allPodsOf, b.namespaces);
    case 'cidr':
      return a.kind === 'cidr' && addressesOf(b.cidr, b.except).isSubsetOf(addressesOf(a.cidr, a.except));
    default:
      return false;
  }
}

function portCovers(a: Port, b: Port): boolean {
  if (a.protocol !== b.protocol) return false;
  if (a.port === undefined && a.icmpType === undefined) return true;
  if (typeof a.port === 'string' || typeof b.port === 'string') return a.port === b.port;
  if (typeof a.port === 'number') return typeof b.port === 'number' && a.port <= b.port && (b.endPort ?? b.port) <= (a.endPort ?? a.port);
  return a.icmpType === b.icmpType && (a.icmpCode === undefined || a.icmpCode === b.icmpCode);
}
