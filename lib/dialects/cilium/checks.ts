import { formatField, Problem } from '../../model/errors';
import { Feature } from '../../model/features';
import { PolicyIntent } from '../../model/intent';
import { hasPorts } from '../../model/port';
import { Rule } from '../../model/rule';
import { LabelSelector } from '../../model/selector';
import { dialectsWith, unsupported, whereOf } from '../capabilities';
import { denyOrderProblems } from './deny-order';
import { l7ConflictProblems } from './l7-conflicts';
import { l7Of } from './l7';
import { isCiliumOwnedKey } from './labels';

// What Cilium cannot say exactly beyond the capability matrix: each check returns problems that
// name the construct path and the field.

/** Every problem of the intents that the capability matrix does not catch. */
export function ciliumProblems(intents: readonly PolicyIntent[]): Problem[] {
  return [...intents.flatMap(intentProblems), ...denyOrderProblems(intents), ...l7ConflictProblems(intents)];
}

// An HTTP header name is an RFC 9110 token; Cilium splits "Name: value" at the first space.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// '**' means any depth of subdomains only as a leading '**.' (Cilium 1.19); elsewhere it is refused.
const MISPLACED_DOUBLE_STAR = /.\*\*|^\*\*(?!\.)/;

type Report = (path: PropertyKey[], message: string) => void;
type Refuse = (path: PropertyKey[], what: string, feature: Feature) => void;

function intentProblems(intent: PolicyIntent): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (path, message) => problems.push({ where: whereOf(intent), field: formatField(path), message });
  const refuse: Refuse = (path, what, feature) => problems.push(unsupported(intent, formatField(path), what, 'cilium', others(feature)));
  ownedKeyProblems(intent.subject.pods, ['subject', 'pods'], report);
  intent.rules.forEach((rule, index) => {
    const at = ['rules', index];
    peerProblems(intent, rule, at, report);
    portProblems(rule, at, refuse);
    l7Problems(intent, rule, at, report, refuse);
  });
  return problems;
}

function peerProblems(intent: PolicyIntent, rule: Rule, at: PropertyKey[], report: Report): void {
  rule.peers.forEach((peer, index) => {
    const path = [...at, 'peers', index];
    if (peer.kind === 'pods') ownedKeyProblems(peer.pods, [...path, 'pods'], report);
    if (peer.kind !== 'fqdn') return;
    doubleStarProblem(peer.pattern, path, report);
    if (!resolvesThroughProxy(intent, peer.pattern)) {
      report(path, `the FQDN peer "${peer.pattern}" needs a DNS rule in the same policy whose patterns include '*' or "${peer.pattern}": Cilium learns the addresses of names only from DNS answers its proxy inspects (Policy.allowTo adds that rule)`);
    }
  });
}

function portProblems(rule: Rule, at: PropertyKey[], refuse: Refuse): void {
  rule.ports.forEach((port, index) => {
    const path = [...at, 'ports', index];
    if (!hasPorts(port.protocol) && port.icmpType === undefined) refuse(path, `${port.protocol} without a type (Cilium's icmps match listed types: give icmpType)`, 'icmp');
    if (rule.http && port.port === undefined) refuse(path, 'HTTP matches on every port of a protocol (Cilium takes L7 rules on given ports only)', 'http');
  });
}

function l7Problems(intent: PolicyIntent, rule: Rule, at: PropertyKey[], report: Report, refuse: Refuse): void {
  rule.dns?.forEach((match, index) => doubleStarProblem(match.pattern, [...at, 'dns', index, 'pattern'], report));
  rule.http?.forEach((match, index) => {
    for (const name of Object.keys(match.headers ?? {})) {
      if (!HEADER_NAME.test(name)) report([...at, 'http', index, 'headers', name], `"${name}" is not an HTTP header name: use letters, digits and !#$%&'*+-.^_\`|~, no spaces or ':'`);
    }
  });
  if (l7Of(rule).restricts && !intent.isolate.includes(rule.direction)) {
    const layer = rule.http ? 'http' : 'dns';
    refuse([...at, layer], 'L7 matches in a direction the policy does not isolate (Cilium enforces them even with enableDefaultDeny false, refusing every other request on those ports)', layer);
  }
}

function doubleStarProblem(pattern: string, path: PropertyKey[], report: Report): void {
  if (MISPLACED_DOUBLE_STAR.test(pattern)) report(path, `"${pattern}": Cilium reads '**' only as a leading '**.' (any depth of subdomains); use '*' within one label`);
}

function others(feature: Feature) {
  return dialectsWith(feature).filter((dialect) => dialect !== 'cilium');
}

// The rule Policy.allowTo adds: egress DNS through the proxy, allowing the name or every name.
function resolvesThroughProxy(intent: PolicyIntent, pattern: string): boolean {
  return intent.rules.some((rule) => rule.direction === 'egress' && rule.action === 'allow' && rule.dns?.some((match) => match.pattern === '*' || match.pattern === pattern));
}

function ownedKeyProblems(selector: LabelSelector, path: PropertyKey[], report: Report): void {
  const keys = [...Object.keys(selector.matchLabels ?? {}), ...(selector.matchExpressions ?? []).map((expression) => expression.key)];
  for (const key of keys.filter(isCiliumOwnedKey)) {
    report(path, `label key "${key}" is one Cilium sets itself (namespace, service account, cluster): in the cilium dialect it cannot select a pod label; select namespaces and service accounts with their own peers`);
  }
}
