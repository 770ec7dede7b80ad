import { API_SERVER_AS_PODS } from './api-server';
import { IntentCheck } from './check';
import { EXCEPT_EQUALS_CIDR } from './cidr';
import { CIDR_CONTAINS_CLUSTER } from './cluster-ranges';
import { DANGLING_PEER, DANGLING_POLICY } from './dangling';
import { DNS_BYPASSES_NODELOCAL, DNS_UDP_ONLY } from './dns';
import { NAMED_PORT_AMBIGUOUS, NAMED_PORT_PROTOCOL, NAMED_PORT_UNDEFINED } from './named-ports';
import { ANY_NAMESPACE_POD_SELECTOR, MUTABLE_NAMESPACE_LABEL } from './namespaces';
import { SERVICE_PORT } from './service-ports';
import { REDUNDANT_RULE, UNREACHABLE_DENY } from './shadowed';

/** The checks on intents, which serve every dialect, in the order docs/lint.md lists them. */
export const INTENT_CHECKS: readonly IntentCheck[] = [
  DNS_UDP_ONLY,
  DNS_BYPASSES_NODELOCAL,
  API_SERVER_AS_PODS,
  CIDR_CONTAINS_CLUSTER,
  EXCEPT_EQUALS_CIDR,
  DANGLING_POLICY,
  DANGLING_PEER,
  REDUNDANT_RULE,
  UNREACHABLE_DENY,
  NAMED_PORT_UNDEFINED,
  NAMED_PORT_PROTOCOL,
  NAMED_PORT_AMBIGUOUS,
  SERVICE_PORT,
  ANY_NAMESPACE_POD_SELECTOR,
  MUTABLE_NAMESPACE_LABEL,
];
