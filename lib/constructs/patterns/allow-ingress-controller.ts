import { Construct } from 'constructs';
import { Peer } from '../../model/peer';
import { Port } from '../../model/port';
import { SelectorInput } from '../../model/selector';
import { SelectingPatternProps } from './pattern-props';
import { SinglePolicyPattern } from './single-policy-pattern';

export interface AllowIngressControllerProps extends SelectingPatternProps {
  /** The ingress controller's namespace. @default 'ingress-nginx' */
  readonly controllerNamespace?: string;
  /** The controller's pods, by labels. @default every pod of its namespace */
  readonly controllerPods?: SelectorInput;
  /** The ports the controller may reach (the pods' own ports). @default every port */
  readonly ports?: readonly Port[];
}

/** The ingress controller reaches the selected pods. */
export class AllowIngressController extends SinglePolicyPattern {
  constructor(scope: Construct, id: string, props: AllowIngressControllerProps = {}) {
    super(scope, id, props, { description: 'Ingress from the ingress controller' });
    const namespace = props.controllerNamespace ?? 'ingress-nginx';
    const peer = props.controllerPods ? Peer.pods(props.controllerPods, [namespace]) : Peer.namespace(namespace);
    this.policy.allowFrom(peer, { ports: props.ports });
  }
}
