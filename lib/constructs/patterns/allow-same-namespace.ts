import { Construct } from 'constructs';
import { Peer } from '../../model/peer';
import { Direction } from '../../model/rule';
import { SelectingPatternProps } from './pattern-props';
import { SinglePolicyPattern } from './single-policy-pattern';

export interface AllowSameNamespaceProps extends SelectingPatternProps {
  /** The directions to allow within the namespace. @default ['ingress', 'egress'] */
  readonly directions?: readonly Direction[];
}

/** Pods of a namespace reach each other on every port; nothing from or to other namespaces. */
export class AllowSameNamespace extends SinglePolicyPattern {
  constructor(scope: Construct, id: string, props: AllowSameNamespaceProps = {}) {
    super(scope, id, props, { description: 'Pods of this namespace reach each other' });
    const directions = props.directions ?? ['ingress', 'egress'];
    if (directions.includes('ingress')) this.policy.allowFrom(Peer.pods({}));
    if (directions.includes('egress')) this.policy.allowTo(Peer.pods({}));
  }
}
