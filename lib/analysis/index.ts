// cdk8s-netpol/analysis: who can reach whom, from manifests of any dialect. A separate entry point,
// so that synthesizing (the main entry) does not load the analysis.
export { loadManifests, parseManifests, SourcedManifest, LoadOptions } from './manifests';
export { readWorkloads, Workloads, Workload, Namespace, ServiceAccount, ContainerPort } from './workloads';
export { readPolicies, inferEngine, Policies } from './policies';
export { reach, Reachability, Connection } from './reach';
export { analyse, Analysed } from './analyse';
export { Verdict } from './decide';
export { ConnectionSet } from './connection-set';
export { Endpoint, WorkloadEndpoint, ExternalEndpoint, EntityEndpoint, FqdnEndpoint } from './endpoints';
export { findEndpoints } from './find-endpoints';
export { connectionText, verdictText } from './format';
export { explain, explanationText, Explanation } from './explain';
export { diffReachability, ConnectionChange, ChangeKind } from './diff';
export { partialRead, PartialRead, PartialReadOptions, PARTIAL_EXIT_CODE } from './partial-read';
export { ReadLimits, DEFAULT_READ_LIMITS } from './read-limits';
