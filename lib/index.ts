// The public API of cdk8s-netpol, and nothing else.

// Constructs
export { PolicyChart, PolicyChartProps, DIALECT_CONTEXT_KEY } from './constructs/policy-chart';
export { Policy, PolicyProps, RuleOptions, PeerInput } from './constructs/policy';
export { DnsServer, DnsOption, NODE_LOCAL_DNS_ADDRESS } from './constructs/dns';
export { PatternProps, SelectingPatternProps } from './constructs/patterns/pattern-props';
export { DefaultDeny, DefaultDenyProps } from './constructs/patterns/default-deny';
export { AllowDns, AllowDnsProps } from './constructs/patterns/allow-dns';
export { ThreeTier, ThreeTierProps, TierProps } from './constructs/patterns/three-tier';
export { AllowSameNamespace, AllowSameNamespaceProps } from './constructs/patterns/allow-same-namespace';
export { AllowFromNamespace, AllowFromNamespaceProps } from './constructs/patterns/allow-from-namespace';
export { AllowIngressController, AllowIngressControllerProps } from './constructs/patterns/allow-ingress-controller';
export { AllowMonitoring, AllowMonitoringProps } from './constructs/patterns/allow-monitoring';
export { AllowExternalEgress, AllowExternalEgressProps, RFC1918_RANGES } from './constructs/patterns/allow-external-egress';
export { AllowFromCidr, AllowFromCidrProps } from './constructs/patterns/allow-from-cidr';
export { AllowApiServer, AllowApiServerProps } from './constructs/patterns/allow-api-server';
export { StatefulSetPeers, StatefulSetPeersProps } from './constructs/patterns/stateful-set-peers';
export { CrossNamespace, CrossNamespaceProps, CrossNamespaceEnd } from './constructs/patterns/cross-namespace';
export { IsolateDatabase, IsolateDatabaseProps } from './constructs/patterns/isolate-database';
export { ClusterDefaultDeny, ClusterDefaultDenyProps, DEFAULT_EXEMPT_NAMESPACES } from './constructs/patterns/cluster-default-deny';
export { ProtectNamespace, ProtectNamespaceProps } from './constructs/patterns/protect-namespace';
export { AllowClusterDns, AllowClusterDnsProps } from './constructs/patterns/allow-cluster-dns';
export { ADMIN_TIER, BASELINE_TIER } from './constructs/cluster-tiers';

// The intent model
export { Peer, AnyPeer, Entity, ENTITIES, NamespaceSelection, NamespacesInput, NAMESPACE_NAME_LABEL } from './model/peer';
export { Port, Protocol, PROTOCOLS } from './model/port';
export { Rule, Direction, Action, HttpMatch, DnsMatch, DIRECTIONS, ACTIONS } from './model/rule';
export { PolicyIntent, Subject, Tier, DEFAULT_TIER_ORDER } from './model/intent';
export { LabelSelector, Labels, SelectorInput, selectorMatches } from './model/selector';
export { NetpolError, Problem } from './model/errors';
export { Feature, FEATURES, featuresOf } from './model/features';

// Dialects
export { DialectName, DIALECT_NAMES, CAPABILITIES, dialectsWith } from './dialects/capabilities';
export { Dialect, DIALECTS, dialectOf } from './dialects';
export { Manifest, RenderOptions } from './dialects/manifest';

// Synthesis
export { synthesize, NetpolAppDefinition, SynthesizeOptions } from './synth/synthesize';

