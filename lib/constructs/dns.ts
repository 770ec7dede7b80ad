import { Peer } from '../model/peer';
import { Port } from '../model/port';
import { Rule } from '../model/rule';
import { SelectorInput } from '../model/selector';

/** Where the cluster's DNS servers are. */
export interface DnsServer {
  /** The namespace of the cluster DNS pods. @default 'kube-system' */
  readonly namespace?: string;
  /** The labels of the cluster DNS pods. @default { 'k8s-app': 'kube-dns' } (CoreDNS keeps this label) */
  readonly pods?: SelectorInput;
  /**
   * NodeLocal DNSCache: the addresses its node-local agent listens on, which pods query instead of
   * kube-dns pods (`true` is its usual link-local 169.254.20.10; add the kube-dns Service IP when
   * the cache intercepts it). @default none
   */
  readonly nodeLocalDnsCache?: boolean | readonly string[];
}

/** The link-local address NodeLocal DNSCache listens on by default. */
export const NODE_LOCAL_DNS_ADDRESS = '169.254.20.10';

/** DNS runs on UDP and falls back to TCP for large answers (RFC 7766): both are always allowed. */
export const DNS_PORTS: readonly Port[] = [Port.udp(53), Port.tcp(53)];

/** The cluster DNS pods as a peer. */
export function dnsServerPeer(server: DnsServer = {}): Peer {
  return Peer.pods(server.pods ?? { 'k8s-app': 'kube-dns' }, [server.namespace ?? 'kube-system']);
}

/** NodeLocal DNSCache's addresses as peers (none when it is not used). */
function nodeLocalDnsPeers(server: DnsServer): Peer[] {
  const nodeLocal = server.nodeLocalDnsCache === true ? [NODE_LOCAL_DNS_ADDRESS] : server.nodeLocalDnsCache || [];
  return nodeLocal.map((address) => Peer.cidr(address.includes(':') ? `${address}/128` : `${address}/32`));
}

/** The egress rules that let pods resolve names: UDP and TCP 53 to the DNS pods (and NodeLocal DNSCache). */
export function dnsEgressRules(server: DnsServer = {}): Rule[] {
  const rules: Rule[] = [
    { direction: 'egress', action: 'allow', peers: [dnsServerPeer(server)], ports: [...DNS_PORTS], description: 'DNS to the cluster DNS pods' },
  ];
  const nodeLocal = nodeLocalDnsPeers(server);
  if (nodeLocal.length > 0) rules.push({ direction: 'egress', action: 'allow', peers: nodeLocal, ports: [...DNS_PORTS], description: 'DNS to NodeLocal DNSCache' });
  return rules;
}

/**
 * The rule FQDN peers need in Cilium: DNS through its proxy, which learns the addresses of the
 * names, on every path pods send queries (NodeLocal DNSCache too, when used). The pattern is `*`:
 * a narrower one would refuse every other name, the cluster's own too.
 */
export function dnsInspectionRule(server: DnsServer = {}): Rule {
  return {
    direction: 'egress',
    action: 'allow',
    peers: [dnsServerPeer(server), ...nodeLocalDnsPeers(server)],
    ports: [...DNS_PORTS],
    dns: [{ pattern: '*' }],
    description: 'DNS through the proxy, so FQDN peers learn their addresses',
  };
}

/** A pattern's `dns` prop: true (the default) for the cluster DNS, false for none, or where the DNS is. */
export type DnsOption = boolean | DnsServer;

/** The DNS egress rules a pattern's `dns` prop asks for. */
export function dnsRulesFor(option: DnsOption | undefined): Rule[] {
  if (option === false) return [];
  return dnsEgressRules(option === true || option === undefined ? {} : option);
}
