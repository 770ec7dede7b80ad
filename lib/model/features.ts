import { formatField } from './errors';
import { PolicyIntent } from './intent';
import { NamespaceSelection } from './peer';
import { hasPorts } from './port';

/** Features an intent can use that not every dialect can express, with how errors name them. */
export const FEATURES = {
  'deny': 'deny rules',
  'pass': 'pass rules',
  'log': 'log rules',
  'order': 'policy order',
  'tier': 'tiers',
  'cluster-scope': 'cluster-wide policies',
  'allow-without-isolation': 'rules in a direction their policy does not isolate',
  'fqdn': 'FQDN peers',
  'entity': 'entity peers without CIDRs',
  'service-account': 'service-account peers',
  'service-account-selector': "service-account peers selected by the accounts' labels",
  'namespace-labels-in-namespaced-policy': 'peers selecting namespaces by labels in a namespaced policy',
  'http': 'L7 HTTP matches',
  'dns': 'L7 DNS matches',
  'icmp': 'ICMP',
  'icmp-code': 'ICMP codes',
  'egress-named-port': 'named ports in egress rules',
  'selector-expression': 'selectors with a label expression (read from Calico: or, negated groups, string operators)',
  'except-ports': 'ports or a protocol taken out of a rule (read from Calico: notPorts with named ports, notProtocol without a protocol)',
} as const;

export type Feature = keyof typeof FEATURES;

/** One use of a feature: which, and the field of the intent that uses it. */
export interface FeatureUse {
  readonly feature: Feature;
  readonly field: string;
}

/** Every use of a non-universal feature in an intent, in field order. */
export function featuresOf(intent: PolicyIntent): FeatureUse[] {
  const uses: FeatureUse[] = [];
  const use = (feature: Feature, path: PropertyKey[]) => uses.push({ feature, field: formatField(path) });
  if (intent.scope === 'cluster') use('cluster-scope', ['scope']);
  if (intent.tier) use('tier', ['tier']);
  if (intent.order !== undefined) use('order', ['order']);
  if (intent.subject.pods.expression) use('selector-expression', ['subject', 'pods', 'expression']);
  if (namespacesExpression(intent.subject.namespaces)) use('selector-expression', ['subject', 'namespaces', 'selector', 'expression']);
  intent.rules.forEach((rule, ruleIndex) => {
    // Paths are made only for a feature used: most rules use none (bench/, P2).
    const use = (feature: Feature, ...path: PropertyKey[]) => uses.push({ feature, field: rule.origin ?? formatField(['rules', ruleIndex, ...path]) });
    // A rule the library added is named for what it is (its origin), not by a field the user never wrote.
    if (rule.action !== 'allow') use(rule.action, 'action');
    if (!intent.isolate.includes(rule.direction)) use('allow-without-isolation', 'direction');
    if (rule.http) use('http', 'http');
    if (rule.dns) use('dns', 'dns');
    if (rule.exceptPorts) use('except-ports', 'exceptPorts');
    rule.peers.forEach((peer, peerIndex) => {
      if (peer.kind === 'fqdn') use('fqdn', 'peers', peerIndex);
      if (peer.kind === 'entity' && !peer.cidrs) use('entity', 'peers', peerIndex);
      if (peer.kind === 'serviceAccount') use(peer.selector ? 'service-account-selector' : 'service-account', 'peers', peerIndex);
      const namespaces = peer.kind === 'pods' || peer.kind === 'namespaces' || peer.kind === 'serviceAccount' ? peer.namespaces : undefined;
      if (intent.scope !== 'cluster' && typeof namespaces === 'object' && 'selector' in namespaces) {
        use('namespace-labels-in-namespaced-policy', 'peers', peerIndex, 'namespaces');
      }
      if (peer.kind === 'pods' && peer.pods.expression) use('selector-expression', 'peers', peerIndex, 'pods', 'expression');
      if (peer.kind === 'serviceAccount' && peer.selector?.expression) use('selector-expression', 'peers', peerIndex, 'selector', 'expression');
      if (namespacesExpression(namespaces)) use('selector-expression', 'peers', peerIndex, 'namespaces', 'selector', 'expression');
    });
    rule.ports.forEach((port, portIndex) => {
      if (!hasPorts(port.protocol)) use(port.icmpCode !== undefined ? 'icmp-code' : 'icmp', 'ports', portIndex);
      if (rule.direction === 'egress' && typeof port.port === 'string') use('egress-named-port', 'ports', portIndex, 'port');
    });
  });
  return uses;
}

function namespacesExpression(namespaces: NamespaceSelection | undefined): boolean {
  return typeof namespaces === 'object' && 'selector' in namespaces && namespaces.selector.expression !== undefined;
}
