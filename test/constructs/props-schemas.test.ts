// Each props interface (hand-written, so the public .d.ts never names zod) against the schema that
// checks it at run time: `tsc --noEmit` fails on any drift. Adding a pattern: add its line here.
import { expect, it } from 'vitest';
import { z } from 'zod';
import {
  AllowApiServerProps, AllowDnsProps, AllowExternalEgressProps, AllowFromCidrProps, AllowFromNamespaceProps, AllowIngressControllerProps,
  AllowClusterDnsProps, AllowMonitoringProps, ProtectNamespaceProps, AllowSameNamespaceProps, ClusterDefaultDenyProps, CrossNamespaceEnd, CrossNamespaceProps, DefaultDenyProps, DnsOption,
  DnsServer, IsolateDatabaseProps, NamespacesInput, PolicyChartProps, PolicyProps, RuleOptions, StatefulSetPeersProps, ThreeTierProps, TierProps,
} from '../../lib';
import { allowApiServerPropsSchema } from '../../lib/constructs/patterns/allow-api-server';
import { allowClusterDnsPropsSchema } from '../../lib/constructs/patterns/allow-cluster-dns';
import { protectNamespacePropsSchema } from '../../lib/constructs/patterns/protect-namespace';
import { allowDnsPropsSchema } from '../../lib/constructs/patterns/allow-dns';
import { allowExternalEgressPropsSchema } from '../../lib/constructs/patterns/allow-external-egress';
import { allowFromCidrPropsSchema } from '../../lib/constructs/patterns/allow-from-cidr';
import { allowFromNamespacePropsSchema } from '../../lib/constructs/patterns/allow-from-namespace';
import { allowIngressControllerPropsSchema } from '../../lib/constructs/patterns/allow-ingress-controller';
import { allowMonitoringPropsSchema } from '../../lib/constructs/patterns/allow-monitoring';
import { allowSameNamespacePropsSchema } from '../../lib/constructs/patterns/allow-same-namespace';
import { clusterDefaultDenyPropsSchema } from '../../lib/constructs/patterns/cluster-default-deny';
import { crossNamespaceEndSchema, crossNamespacePropsSchema } from '../../lib/constructs/patterns/cross-namespace';
import { defaultDenyPropsSchema } from '../../lib/constructs/patterns/default-deny';
import { isolateDatabasePropsSchema } from '../../lib/constructs/patterns/isolate-database';
import { statefulSetPeersPropsSchema } from '../../lib/constructs/patterns/stateful-set-peers';
import { threeTierPropsSchema, tierPropsSchema } from '../../lib/constructs/patterns/three-tier';
import { policyPropsSchema, ruleOptionsSchema } from '../../lib/constructs/policy';
import { policyChartPropsSchema } from '../../lib/constructs/policy-chart';
import { dnsOptionSchema, dnsServerSchema, namespacesInputSchema } from '../../lib/constructs/props';
import { SameShape } from '../support/same-type';

type Matches<S extends z.ZodType, P> = SameShape<z.input<S>, P>;

const checks: Record<string, true> = {
  PolicyChartProps: true satisfies Matches<typeof policyChartPropsSchema, PolicyChartProps>,
  PolicyProps: true satisfies Matches<typeof policyPropsSchema, PolicyProps>,
  RuleOptions: true satisfies Matches<typeof ruleOptionsSchema, RuleOptions>,
  NamespacesInput: true satisfies Matches<typeof namespacesInputSchema, NamespacesInput>,
  DnsServer: true satisfies Matches<typeof dnsServerSchema, DnsServer>,
  DnsOption: true satisfies Matches<typeof dnsOptionSchema, DnsOption>,
  AllowApiServerProps: true satisfies Matches<typeof allowApiServerPropsSchema, AllowApiServerProps>,
  AllowDnsProps: true satisfies Matches<typeof allowDnsPropsSchema, AllowDnsProps>,
  AllowExternalEgressProps: true satisfies Matches<typeof allowExternalEgressPropsSchema, AllowExternalEgressProps>,
  AllowFromCidrProps: true satisfies Matches<typeof allowFromCidrPropsSchema, AllowFromCidrProps>,
  AllowFromNamespaceProps: true satisfies Matches<typeof allowFromNamespacePropsSchema, AllowFromNamespaceProps>,
  AllowIngressControllerProps: true satisfies Matches<typeof allowIngressControllerPropsSchema, AllowIngressControllerProps>,
  AllowMonitoringProps: true satisfies Matches<typeof allowMonitoringPropsSchema, AllowMonitoringProps>,
  AllowSameNamespaceProps: true satisfies Matches<typeof allowSameNamespacePropsSchema, AllowSameNamespaceProps>,
  ClusterDefaultDenyProps: true satisfies Matches<typeof clusterDefaultDenyPropsSchema, ClusterDefaultDenyProps>,
  CrossNamespaceEnd: true satisfies Matches<typeof crossNamespaceEndSchema, CrossNamespaceEnd>,
  CrossNamespaceProps: true satisfies Matches<typeof crossNamespacePropsSchema, CrossNamespaceProps>,
  DefaultDenyProps: true satisfies Matches<typeof defaultDenyPropsSchema, DefaultDenyProps>,
  IsolateDatabaseProps: true satisfies Matches<typeof isolateDatabasePropsSchema, IsolateDatabaseProps>,
  StatefulSetPeersProps: true satisfies Matches<typeof statefulSetPeersPropsSchema, StatefulSetPeersProps>,
  AllowClusterDnsProps: true satisfies Matches<typeof allowClusterDnsPropsSchema, AllowClusterDnsProps>,
  ProtectNamespaceProps: true satisfies Matches<typeof protectNamespacePropsSchema, ProtectNamespaceProps>,
  TierProps: true satisfies Matches<typeof tierPropsSchema, TierProps>,
  ThreeTierProps: true satisfies Matches<typeof threeTierPropsSchema, ThreeTierProps>,
};

it('checks every props interface the package exports against its schema (the check itself is tsc)', () => {
  const exportedProps = Object.keys(checks);
  expect(exportedProps).toEqual(expect.arrayContaining(['PolicyProps', 'ThreeTierProps', 'TierProps', 'CrossNamespaceEnd']));
});
