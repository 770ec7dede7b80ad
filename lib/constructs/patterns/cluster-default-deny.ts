import { Construct } from 'constructs';
import { z } from 'zod';
import { dnsLabelProblem } from '../../model/names';
import { NAMESPACE_NAME_LABEL } from '../../model/peer';
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
}

/** ClusterDefaultDenyProps at run time (test/constructs/props-schemas.test.ts keeps the two the same). */
export const clusterDefaultDenyPropsSchema = z.strictObject({
  name: z.string().optional(),
  exempt: z.array(z.string()).readonly().optional(),
});

/**
 * Isolates every pod of every namespace but the exempt ones, both ways, with no rules: only what
 * other policies allow gets through, namespaced allows included (Calico: a GlobalNetworkPolicy
 * whose end-of-tier deny applies after every allow of the default tier). It selects pods only,
 * never host endpoints. Cluster-wide, so plain Kubernetes cannot express it.
 */
export class ClusterDefaultDeny extends SinglePolicyPattern {
  constructor(scope: Construct, id: string, props: ClusterDefaultDenyProps = {}) {
    checkProps(clusterDefaultDenyPropsSchema, props, scope, id);
    const exempt = [...(props.exempt ?? DEFAULT_EXEMPT_NAMESPACES)];
    super(scope, id, { name: props.name }, {
      clusterWide: true,
      ...(exempt.length > 0 && { namespaces: { selector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'NotIn', values: exempt }] } } }),
      isolate: ['ingress', 'egress'],
      description: `Cluster default deny: only what other policies allow gets through${exempt.length > 0 ? ` (except in ${exempt.join(', ')})` : ''}`,
    });
    for (const namespace of exempt) {
      const problem = dnsLabelProblem(namespace);
      if (problem) throw new Error(`${this.node.path}: exempt: ${problem}`);
    }
  }
}
