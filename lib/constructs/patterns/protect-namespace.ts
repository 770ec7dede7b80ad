import { Construct } from 'constructs';
import { z } from 'zod';
import { Peer } from '../../model/peer';
import { Port } from '../../model/port';
import { ADMIN_TIER } from '../cluster-tiers';
import { policyNameFromId } from '../names';
import { Policy } from '../policy';
import { checkProps, portsSchema, shaped } from '../props';

export interface ProtectNamespaceProps {
  /** The policy's name. @default the construct id in kebab-case */
  readonly name?: string;
  /** The namespace to protect. */
  readonly namespace: string;
  /** The pods (Peer.pods, Peer.namespace, Peer.namespacesWithLabels) that may reach it, beside its own pods (which reach it on every port); [] leaves only its own. */
  readonly from: readonly Peer[];
  /** The ports they may use. @default every port */
  readonly ports?: readonly Port[];
  /** 'allow': the admin tier lets them in, whatever the namespace's own policies say; 'pass': the namespace's policies decide. @default 'allow' */
  readonly admit?: 'allow' | 'pass';
  /** Order within the admin tier, lower first. @default 100 */
  readonly order?: number;
}

/** ProtectNamespaceProps at run time (test/constructs/props-schemas.test.ts keeps the two the same). */
export const protectNamespacePropsSchema = z.strictObject({
  name: z.string().optional(),
  namespace: z.string(),
  from: z.array(shaped<Peer>('a peer (Peer.pods(...), Peer.namespace(...), Peer.cidr(...), ...)')).readonly(),
  ports: portsSchema.optional(),
  admit: z.enum(['allow', 'pass']).optional(),
  order: z.number().optional(),
});

/**
 * An admin guardrail: only the namespace's own pods and the given pods may reach the namespace;
 * every other pod is denied, whatever namespace owners allow (kubernetes-cnp: an Admin
 * ClusterNetworkPolicy; Calico: a GlobalNetworkPolicy in the admin tier). It denies pods only:
 * nodes, host-network pods and traffic from outside the cluster are left to other policies.
 */
export class ProtectNamespace extends Construct {
  /** The policy. */
  readonly policy: Policy;

  constructor(scope: Construct, id: string, props: ProtectNamespaceProps) {
    checkProps(protectNamespacePropsSchema, props, scope, id);
    super(scope, id);
    const ports = props.ports ? { ports: props.ports } : {};
    this.policy = new Policy(this, 'Policy', {
      name: props.name ?? policyNameFromId(id),
      clusterWide: true,
      namespaces: [props.namespace],
      tier: ADMIN_TIER,
      order: props.order ?? 100,
      isolate: ['ingress'],
      description: `Only ${props.namespace} itself and the pods named may reach namespace ${props.namespace}`,
    });
    const admit = props.admit === 'pass' ? this.policy.passFrom.bind(this.policy) : this.policy.allowFrom.bind(this.policy);
    const decides = props.admit === 'pass' ? ': the namespace decides' : '';
    admit(Peer.namespace(props.namespace), { description: `its own pods${decides}` });
    // With no one else named, only the namespace's own pods reach it.
    if (props.from.length > 0) admit([...props.from], { ...ports, description: `admitted${decides}` });
    this.policy.denyFrom(Peer.allNamespaces(), { description: 'every other pod' });
  }
}
