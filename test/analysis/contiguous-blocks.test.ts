// External blocks are contiguous ranges, cut as netpol-analyzer cuts them, in every dialect: an
// ipBlock with `except` is split into its ranges before the space is cut (its
// rulePeersReferencedIPBlocks / ipb.Split()), so no printed block holds two ranges.
import { describe, expect, it } from 'vitest';
import { runNetpol } from '../support/cli';
import { shopCluster } from '../support/shop-cluster';

const CLUSTER = shopCluster({ api: { app: 'api' } });

// The same two rules in each dialect: 10.0.0.0/8 on TCP 443, and 0.0.0.0/0 except 10.1.0.0/16 on TCP 80.
const POLICIES: Record<string, string> = {
  kubernetes: `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: nets, namespace: shop}
spec:
  podSelector: {matchLabels: {app: api}}
  policyTypes: [Ingress]
  ingress:
  - from: [{ipBlock: {cidr: 10.0.0.0/8}}]
    ports: [{protocol: TCP, port: 443}]
  - from: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.1.0.0/16]}}]
    ports: [{protocol: TCP, port: 80}]
`,
  calico: `apiVersion: projectcalico.org/v3
kind: NetworkPolicy
metadata: {name: nets, namespace: shop}
spec:
  selector: app == 'api'
  types: [Ingress]
  ingress:
  - {action: Allow, protocol: TCP, source: {nets: [10.0.0.0/8]}, destination: {ports: [443]}}
  - {action: Allow, protocol: TCP, source: {nets: [0.0.0.0/0], notNets: [10.1.0.0/16]}, destination: {ports: [80]}}
`,
  cilium: `apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
metadata: {name: nets, namespace: shop}
spec:
  endpointSelector: {matchLabels: {app: api}}
  ingress:
  - fromCIDR: [10.0.0.0/8]
    toPorts: [{ports: [{port: "443", protocol: TCP}]}]
  - fromCIDRSet: [{cidr: 0.0.0.0/0, except: [10.1.0.0/16]}]
    toPorts: [{ports: [{port: "80", protocol: TCP}]}]
`,
};

async function reach(text: string) {
  const { code, out } = await runNetpol(['reach', '-'], { stdin: text });
  return { code, lines: out.trim().split('\n') };
}

describe('external blocks', () => {
  it.each(Object.keys(POLICIES))('are contiguous ranges, as netpol-analyzer draws them (%s)', async (dialect) => {
    const { code, lines } = await reach(`${CLUSTER}---\n${POLICIES[dialect]}`);
    expect(code).toBe(0);
    // Hand-derived: the except splits 0.0.0.0/0 into 0.0.0.0-10.0.255.255 and 10.2.0.0-255.255.255.255;
    // cut smallest first with 10.0.0.0/8 and the whole space, 10.0.0.0/8 falls in three ranges.
    expect(lines).toEqual([
      '0.0.0.0-9.255.255.255[External] => shop/api[Pod] : TCP 80',
      '10.0.0.0-10.0.255.255[External] => shop/api[Pod] : TCP 80,443',
      '10.1.0.0-10.1.255.255[External] => shop/api[Pod] : TCP 443',
      '10.2.0.0-10.255.255.255[External] => shop/api[Pod] : TCP 80,443',
      '11.0.0.0-255.255.255.255[External] => shop/api[Pod] : TCP 80',
      'shop/api[Pod] => 0.0.0.0-255.255.255.255[External] : All Connections',
    ]);
  });
});
