import { PolicyIntent } from '../model/intent';
import { Peer } from '../model/peer';
import { DIRECTIONS } from '../model/rule';
import { namespacesCode, portCode, selectorCode } from './factories';
import { ChartScope, ConstructSource, nameAndNamespace, objectCode } from './policy-code';
import { Code, literal } from './source-text';

// Patterns an imported policy may be written as. Each proposes props from the policy's shape; the
// import keeps a proposal only when the pattern, built with them, makes exactly the policy.

/** A pattern's code for a policy of its shape, or undefined when the policy does not have it. */
type Proposal = (intent: PolicyIntent) => Record<string, unknown> | undefined;

const PATTERNS: readonly { readonly name: string; readonly propose: Proposal }[] = [
  {
    name: 'DefaultDeny',
    propose: (intent) => (intent.rules.length === 0 && intent.isolate.length > 0 ? { directions: intent.isolate.length === 2 ? undefined : intent.isolate } : undefined),
  },
  {
    name: 'AllowDns',
    propose: (intent) => (intent.rules.length > 0 && intent.rules.every((rule) => rule.direction === 'egress' && rule.action === 'allow') ? {} : undefined),
  },
  {
    name: 'AllowSameNamespace',
    propose: (intent) => {
      const same = intent.rules.every((rule) => rule.action === 'allow' && rule.ports.length === 0 && rule.peers.length === 1 && rule.peers[0].kind === 'pods' && rule.peers[0].namespaces === undefined);
      const directions = DIRECTIONS.filter((direction) => intent.rules.some((rule) => rule.direction === direction));
      return same && intent.rules.length > 0 ? { directions: directions.length === 2 ? undefined : directions } : undefined;
    },
  },
  {
    name: 'AllowFromNamespace',
    propose: (intent) => {
      const [rule, ...rest] = intent.rules;
      const peer = rule?.peers[0];
      if (!rule || rest.length > 0 || rule.direction !== 'ingress' || rule.peers.length !== 1 || peer.kind !== 'namespaces') return undefined;
      return { from: new Code(namespacesCode(peer.namespaces)), ports: rule.ports.length > 0 ? rule.ports.map(portCode) : undefined };
    },
  },
  {
    name: 'AllowMonitoring',
    propose: (intent) => {
      const [rule, ...rest] = intent.rules;
      const peer: Peer | undefined = rule?.peers[0];
      if (!rule || rest.length > 0 || rule.direction !== 'ingress' || rule.peers.length !== 1 || rule.ports.length === 0) return undefined;
      const namespaces = peer.kind === 'pods' || peer.kind === 'namespaces' ? peer.namespaces : undefined;
      if (namespaces === undefined || namespaces === 'all' || !('names' in namespaces) || namespaces.names.length !== 1) return undefined;
      const monitoringNamespace = namespaces.names[0] === 'monitoring' ? undefined : namespaces.names[0];
      const prometheusPods = peer.kind === 'pods' ? new Code(selectorCode(peer.pods)) : undefined;
      return { ports: rule.ports.map(portCode), monitoringNamespace, prometheusPods };
    },
  },
];

/** The patterns that might make a policy, as source text, most specific first. */
export function patternCandidates(intent: PolicyIntent, id: string, chart: ChartScope, indent: string): ConstructSource[] {
  if (intent.scope === 'cluster' || intent.tier !== undefined || intent.order !== undefined) return [];
  return PATTERNS.flatMap(({ name, propose }) => {
    const proposed = propose(intent);
    if (!proposed) return [];
    const props = {
      ...nameAndNamespace(intent, id, chart),
      select: Object.keys(intent.subject.pods).length === 0 ? undefined : new Code(selectorCode(intent.subject.pods)),
      ...proposed,
    };
    const hasProps = Object.values(props).some((value) => value !== undefined);
    const uses = [name, ...(literal(props).includes('Port.') ? ['Port'] : [])];
    return [{ expression: `new ${name}(${chart.variable}, ${literal(id)}${hasProps ? `, ${objectCode(props, indent)}` : ''})`, uses }];
  });
}
