import { Construct } from 'constructs';
import { z } from 'zod';
import { NamespacesInput } from '../../model/peer';
import { ADMIN_TIER, BASELINE_TIER } from '../cluster-tiers';
import { dnsEgressRules, DnsServer } from '../dns';
import { policyNameFromId } from '../names';
import { Policy } from '../policy';
import { checkProps, dnsServerSchema, namespacesInputSchema } from '../props';

export interface AllowClusterDnsProps {
  /** The policy's name. @default the construct id in kebab-case */
  readonly name?: string;
  /** Where the cluster DNS is. @default kube-dns pods (k8s-app=kube-dns) in kube-system */
  readonly server?: DnsServer;
  /** Whose pods may resolve names. @default every namespace */
  readonly namespaces?: NamespacesInput;
  /**
   * 'admin': before every namespace's policies, so no namespace can cut its pods off DNS;
   * 'baseline': after them, for pods no namespaced policy isolates (a ClusterDefaultDeny, in the
   * default tier, decides before it). @default 'admin'
   */
  readonly tier?: 'admin' | 'baseline';
  /** Order within the tier, lower first. @default 0 */
  readonly order?: number;
}

/** AllowClusterDnsProps at run time (test/constructs/props-schemas.test.ts keeps the two the same). */
export const allowClusterDnsPropsSchema = z.strictObject({
  name: z.string().optional(),
  server: dnsServerSchema.optional(),
  namespaces: namespacesInputSchema.optional(),
  tier: z.enum(['admin', 'baseline']).optional(),
  order: z.number().optional(),
});

/** Every pod of every namespace (or the given ones) may reach the cluster DNS on UDP and TCP 53: a cluster-wide guardrail. */
export class AllowClusterDns extends Construct {
  /** The policy. */
  readonly policy: Policy;

  constructor(scope: Construct, id: string, props: AllowClusterDnsProps = {}) {
    checkProps(allowClusterDnsPropsSchema, props, scope, id);
    super(scope, id);
    this.policy = new Policy(this, 'Policy', {
      name: props.name ?? policyNameFromId(id),
      clusterWide: true,
      ...(props.namespaces !== undefined && { namespaces: props.namespaces }),
      tier: props.tier === 'baseline' ? BASELINE_TIER : ADMIN_TIER,
      order: props.order ?? 0,
      isolate: ['egress'],
      description: 'Cluster DNS: every pod reaches the cluster DNS on UDP and TCP 53',
    });
    dnsEgressRules(props.server).forEach((rule) => this.policy.addRuleIntent(rule));
  }
}
