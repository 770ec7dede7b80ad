import { IntentCheck } from './check';
import { EXCEPT_EQUALS_CIDR } from './cidr';
import { DNS_UDP_ONLY } from './dns';
import { ANY_NAMESPACE_POD_SELECTOR, MUTABLE_NAMESPACE_LABEL } from './namespaces';

/** The checks on intents, which serve every dialect, in the order docs/lint.md lists them. */
export const INTENT_CHECKS: readonly IntentCheck[] = [
  DNS_UDP_ONLY,
  EXCEPT_EQUALS_CIDR,
  ANY_NAMESPACE_POD_SELECTOR,
  MUTABLE_NAMESPACE_LABEL,
];
