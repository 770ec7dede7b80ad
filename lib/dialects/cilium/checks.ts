import { formatField, Problem } from '../../model/errors';
import { PolicyIntent } from '../../model/intent';
import { hasPorts } from '../../model/port';
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

function intentProblems(intent: PolicyIntent): Problem[] {
  const problems: Problem[] = [];
  const problem = (path: PropertyKey[], message: string) => problems.push({ where: whereOf(intent), field: formatField(path), message });
  ownedKeyProblems(intent.subject.pods, ['subject', 'pods'], problem);
  intent.rules.forEach((rule, ruleIndex) => {
    const at = ['rules', ruleIndex];
    rule.peers.forEach((peer, peerIndex) => {
      if (peer.kind === 'pods') ownedKeyProblems(peer.pods, [...at, 'peers', peerIndex, 'pods'], problem);
      if (peer.kind === 'fqdn') {
        if (MISPLACED_DOUBLE_STAR.test(peer.pattern)) problem([...at, 'peers', peerIndex], `"${peer.pattern}": Cilium reads '**' only as a leading '**.' (any depth of subdomains); use '*' within one label`);
        if (!resolvesThroughProxy(intent, peer.pattern)) {
          problem([...at, 'peers', peerIndex], `the FQDN peer "${peer.pattern}" needs a DNS rule in the same policy whose patterns include '*' or "${peer.pattern}": Cilium learns the addresses of names only from DNS answers its proxy inspects (Policy.allowTo adds that rule)`);
        }
      }
    });
    rule.dns?.forEach((match, matchIndex) => {
      if (MISPLACED_DOUBLE_STAR.test(match.pattern)) problem([...at, 'dns', matchIndex, 'pattern'], `"${match.pattern}": Cilium reads '**' only as a leading '**.' (any depth of subdomains); use '*' within one label`);
    });
    rule.ports.forEach((port, portIndex) => {
      if (!hasPorts(port.protocol) && port.icmpType === undefined) {
        problems.push(unsupported(intent, formatField([...at, 'ports', portIndex]), `${port.protocol} without a type (Cilium's icmps match listed types: give icmpType)`, 'cilium', others('icmp')));
      }
      if (rule.http && port.port === undefined) {
        problems.push(unsupported(intent, formatField([...at, 'ports', portIndex]), 'HTTP matches on every port of a protocol (Cilium takes L7 rules on given ports only)', 'cilium', others('http')));
      }
    });
    rule.http?.forEach((match, matchIndex) => {
      for (const name of Object.keys(match.headers ?? {})) {
        if (!HEADER_NAME.test(name)) problem([...at, 'http', matchIndex, 'headers', name], `"${name}" is not an HTTP header name: use letters, digits and !#$%&'*+-.^_\`|~, no spaces or ':'`);
      }
    });
    if (l7Of(rule).restricts && !intent.isolate.includes(rule.direction)) {
      const what = `L7 matches in a direction the policy does not isolate (Cilium enforces them even with enableDefaultDeny false, refusing every other request on those ports)`;
      problems.push(unsupported(intent, formatField([...at, rule.http ? 'http' : 'dns']), what, 'cilium', others(rule.http ? 'http' : 'dns')));
    }
  });
  return problems;
}

function others(feature: Parameters<typeof dialectsWith>[0]) {
  return dialectsWith(feature).filter((dialect) => dialect !== 'cilium');
}

// The rule Policy.allowTo adds: egress DNS through the proxy, allowing the name or every name.
function resolvesThroughProxy(intent: PolicyIntent, pattern: string): boolean {
  return intent.rules.some((rule) => rule.direction === 'egress' && rule.action === 'allow' && rule.dns?.some((match) => match.pattern === '*' || match.pattern === pattern));
}

function ownedKeyProblems(selector: LabelSelector, path: PropertyKey[], problem: (path: PropertyKey[], message: string) => void): void {
  const keys = [...Object.keys(selector.matchLabels ?? {}), ...(selector.matchExpressions ?? []).map((expression) => expression.key)];
  for (const key of keys.filter(isCiliumOwnedKey)) {
    problem(path, `label key "${key}" is one Cilium sets itself (namespace, service account, cluster): in the cilium dialect it cannot select a pod label; select namespaces and service accounts with their own peers`);
  }
}
