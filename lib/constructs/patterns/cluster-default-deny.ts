import { Construct } from 'constructs';
import { z } from 'zod';
import { dnsLabelProblem } from '../../model/names';
import { NAMESPACE_NAME_LABEL } from '../../model/peer';
import { Peer } from '../../model/peer';
import { BASELINE_TIER } from '../cluster-tiers';
import { Policy } from '../policy';
import { checkProps } from '../props';
import { SinglePolicyPattern } from './single-policy-pattern';

/**
 * The namespaces ClusterDefaultDeny leaves open by default: the control plane and the DNS path
 * (CoreDNS and NodeLocal DNSCache run in kube-system) and Calico's own components. Calico's
 * documentation exempts the same three ("Enable default deny for Kubernetes pods").
 */
export const DEFAULT_EXEMPT_NAMESPACES: readonly string[] = ['kube-system', 'calico-system', 'calico-apiserver'];

export interface ClusterDefaultDenyProps {
  /** The policy's name. @default the construct id in kebab-case */
  readonly name?: string;
  /** Namespaces whose pods stay open; [] isolates every namespace. @default DEFAULT_EXEMPT_NAMESPACES */
  readonly exempt?: readonly string[];
  /**
   * Deny ingress from pods only, after every namespace's policies, instead of isolating ingress:
   * nodes, host-network pods and traffic from outside the cluster stay open. This is the only
   * ingress form ClusterNetworkPolicy has (kubernetes-cnp, kubernetes-anp: a Baseline Deny from
   * every namespace; calico: a policy in the baseline tier). @default false: ingress is isolated
   */
  readonly ingressFromPodsOnly?: boolean;
}

/** ClusterDefaultDenyProps at run time (test/constructs/props-schemas.test.ts keeps the two the same). */
export const clusterDefaultDenyPropsSchema = z.strictObject({
  name: z.string().optional(),
  exempt: z.array(z.string()).readonly().optional(),
  ingressFromPodsOnly: z.boolean().optional(),
});

/**
 * Isolates every pod of every namespace but the exempt ones, both ways, with no rules: only what
 * other policies allow gets through, namespaced allows included (Calico: a GlobalNetworkPolicy
 * whose end-of-tier deny applies after every allow of the default tier). It selects pods only,
 * never host endpoints. Cluster-wide, so plain Kubernetes cannot express it. In kubernetes-cnp the
 * egress isolation is a Baseline Deny-all to every address (exact); ingress needs
 * `ingressFromPodsOnly` there.
 */
export class ClusterDefaultDeny extends SinglePolicyPattern {
  /** With ingressFromPodsOnly: the baseline policy that denies ingress from pods. */
  readonly ingressPolicy?: Policy;

  constructor(scope: Construct, id: string, props: ClusterDefaultDenyProps = {}) {
    checkProps(clusterDefaultDenyPropsSchema, props, scope, id);
    const exempt = [...(props.exempt ?? DEFAULT_EXEMPT_NAMESPACES)];
    const namespaces = exempt.length > 0 ? { namespaces: { selector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'NotIn' as const, values: exempt }] } } } : {};
    const where = exempt.length > 0 ? ` (except in ${exempt.join(', ')})` : '';
    super(scope, id, { name: props.name }, {
      clusterWide: true,
      ...namespaces,
      isolate: props.ingressFromPodsOnly ? ['egress'] : ['ingress', 'egress'],
      description: `Cluster default deny: only what other policies allow gets through${where}`,
    });
    if (props.ingressFromPodsOnly) {
      this.ingressPolicy = new Policy(this, 'IngressFromPods', {
        name: `${this.policy.name}-ingress`,
        clusterWide: true,
        ...namespaces,
        tier: BASELINE_TIER,
        order: 1_000,
        isolate: ['ingress'],
        description: `Cluster default deny of ingress from pods, for pods no namespaced policy isolates${where}`,
      }).denyFrom(Peer.allNamespaces(), { description: 'every pod' });
    }
    for (const namespace of exempt) {
      const problem = dnsLabelProblem(namespace);
      if (problem) throw new Error(`${this.node.path}: exempt: ${problem}`);
    }
  }
}
