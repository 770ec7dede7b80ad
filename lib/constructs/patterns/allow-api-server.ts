import { Construct } from 'constructs';
import { z } from 'zod';
import { Peer } from '../../model/peer';
import { Port } from '../../model/port';
import { checkProps, portsSchema, selectingPatternPropsFields } from '../props';
import { SelectingPatternProps } from './pattern-props';
import { SinglePolicyPattern } from './single-policy-pattern';

export interface AllowApiServerProps extends SelectingPatternProps {
  /**
   * The API server's endpoint addresses (`kubectl get endpointslices -n default -l
   * kubernetes.io/service-name=kubernetes`), for dialects without the kube-apiserver entity.
   * @default none: only dialects with the entity (Cilium) can render the policy
   */
  readonly cidrs?: readonly string[];
  /** The API server's ports (the endpoints' own, not the Service's 443). @default [Port.tcp(443), Port.tcp(6443)] */
  readonly ports?: readonly Port[];
}

/** AllowApiServerProps at run time (test/constructs/props-schemas.test.ts keeps the two the same). */
export const allowApiServerPropsSchema = z.strictObject({
  ...selectingPatternPropsFields,
  cidrs: z.array(z.string()).readonly().optional(),
  ports: portsSchema.optional(),
});

/**
 * Egress to the Kubernetes API server, as the kube-apiserver entity. Selecting kube-system pods on
 * 443 instead (a common recipe) matches nothing where the API server runs on the host network or
 * outside the cluster, as in most clusters: it is an address, so give its CIDRs.
 */
export class AllowApiServer extends SinglePolicyPattern {
  constructor(scope: Construct, id: string, props: AllowApiServerProps = {}) {
    checkProps(allowApiServerPropsSchema, props, scope, id);
    super(scope, id, props, { description: 'Egress to the Kubernetes API server' });
    this.policy.allowTo(Peer.entity('kube-apiserver', props.cidrs), { ports: props.ports ?? [Port.tcp(443), Port.tcp(6443)] });
  }
}
