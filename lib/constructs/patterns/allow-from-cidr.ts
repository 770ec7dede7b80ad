import { Construct } from 'constructs';
import { Peer } from '../../model/peer';
import { Port } from '../../model/port';
import { SelectingPatternProps } from './pattern-props';
import { SinglePolicyPattern } from './single-policy-pattern';

export interface AllowFromCidrProps extends SelectingPatternProps {
  /** The address range allowed in, e.g. an office network. */
  readonly cidr: string;
  /** Ranges inside `cidr` to keep out. @default none */
  readonly except?: readonly string[];
  /** The ports it may reach. @default every port */
  readonly ports?: readonly Port[];
}

/** Addresses outside the cluster (an office range, a partner) reach the selected pods. */
export class AllowFromCidr extends SinglePolicyPattern {
  constructor(scope: Construct, id: string, props: AllowFromCidrProps) {
    super(scope, id, props, { description: `Ingress from ${props.cidr}` });
    this.policy.allowFrom(Peer.cidr(props.cidr, props.except), { ports: props.ports });
  }
}
