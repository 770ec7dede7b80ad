import { addressesOf } from '../../analysis/endpoints';
import { selectorMatches, selectsEverything } from '../../model/selector';
import { IntentCheck, eachRule, ruleName, rulePortsInclude } from './check';

const DNS_PORT = 53;

/** DNS allowed on UDP 53 but not on TCP 53 to the same peers. */
export const DNS_UDP_ONLY: IntentCheck = {
  id: 'dns-udp-only',
  severity: 'warning',
  summary: 'DNS allowed on UDP only',
  why: 'DNS falls back to TCP for answers too large for UDP (many records, DNSSEC) and NodeLocal DNSCache forwards over TCP: those lookups fail',
  fix: 'allow TCP 53 to the same peers as UDP 53 (the AllowDns pattern does)',
  run: (context) =>
    eachRule(context).flatMap(({ policy, rule }) => {
      if (rule.direction !== 'egress' || rule.action !== 'allow' || rule.ports.length === 0) return [];
      if (!rulePortsInclude(rule, 'UDP', DNS_PORT)) return [];
      // The rule itself is among those that may allow TCP 53 to its peers.
      const peers = JSON.stringify(rule.peers);
      const tcpToo = policy.intent.rules.some((other) => other.direction === 'egress' && other.action === 'allow' && JSON.stringify(other.peers) === peers && rulePortsInclude(other, 'TCP', DNS_PORT));
      return tcpToo ? [] : [{ policy, message: `${ruleName(policy, rule)} allows UDP 53 but no rule of the policy allows TCP 53 to the same peers` }];
    }),
};

const KUBE_DNS_POD = { 'k8s-app': 'kube-dns' };

/** DNS to the kube-dns pods while NodeLocal DNSCache answers on addresses no rule allows. */
export const DNS_BYPASSES_NODELOCAL: IntentCheck = {
  id: 'dns-nodelocal-not-allowed',
  severity: 'warning',
  summary: "DNS allowed to kube-dns pods but not to NodeLocal DNSCache's addresses",
  why: 'with NodeLocal DNSCache, pods send DNS to its address on each node (a host-network pod, not kube-dns): a rule to the kube-dns pods does not match, and lookups fail',
  fix: "also allow UDP and TCP 53 to NodeLocal DNSCache's addresses (ipBlock 169.254.20.10/32 by default, and the kube-dns Service IP it also listens on): AllowDns's nodeLocalDnsCache does it",
  run: ({ facts, ...context }) => {
    if (facts.nodeLocalDns.length === 0) return [];
    const local = facts.nodeLocalDns.map((address) => ({ address, set: addressesOf(address) }));
    return eachRule({ facts, ...context }).flatMap(({ policy, rule }) => {
      if (rule.direction !== 'egress' || rule.action !== 'allow' || rule.ports.length === 0 || !rulePortsInclude(rule, 'UDP', DNS_PORT)) return [];
      if (!rule.peers.some((peer) => peer.kind === 'pods' && !selectsEverything(peer.pods) && selectorMatches(peer.pods, KUBE_DNS_POD))) return [];
      const allowed = (address: (typeof local)[number]) =>
        policy.intent.rules.some((other) => other.direction === 'egress' && other.action === 'allow' && rulePortsInclude(other, 'UDP', DNS_PORT)
          && (other.peers.length === 0 || other.peers.some((peer) => peer.kind === 'cidr' && address.set.isSubsetOf(addressesOf(peer.cidr, peer.except)))));
      const missing = local.filter((address) => !allowed(address)).map(({ address }) => address);
      return missing.length === 0 ? [] : [{ policy, message: `${ruleName(policy, rule)} allows DNS to the kube-dns pods, but no rule of the policy allows NodeLocal DNSCache at ${missing.join(', ')}` }];
    });
  },
};
