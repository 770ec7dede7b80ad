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
      if (!rulePortsInclude(rule, 'UDP', DNS_PORT) || rulePortsInclude(rule, 'TCP', DNS_PORT)) return [];
      const peers = JSON.stringify(rule.peers);
      const tcpToo = policy.intent.rules.some((other) => other.direction === 'egress' && other.action === 'allow' && JSON.stringify(other.peers) === peers && rulePortsInclude(other, 'TCP', DNS_PORT));
      return tcpToo ? [] : [{ policy, message: `${ruleName(policy, rule)} allows UDP 53 but no rule of the policy allows TCP 53 to the same peers` }];
    }),
};
