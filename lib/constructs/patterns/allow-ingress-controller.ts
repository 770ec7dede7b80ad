import { Construct } from 'constructs';
import { z } from 'zod';
import { Peer } from '../../model/peer';
import { Port } from '../../model/port';
import { SelectorInput } from '../../model/selector';
import { checkProps, portsSchema, selectingPatternPropsFields, selectorInputSchema } from '../props';
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

/** AllowIngressControllerProps at run time (test/constructs/props-schemas.test.ts keeps the two the same). */
export const allowIngressControllerPropsSchema = z.strictObject({
  ...selectingPatternPropsFields,
  controllerNamespace: z.string().optional(),
  controllerPods: selectorInputSchema.optional(),
  ports: portsSchema.optional(),
});

/** The ingress controller reaches the selected pods. */
export class AllowIngressController extends SinglePolicyPattern {
  constructor(scope: Construct, id: string, props: AllowIngressControllerProps = {}) {
    checkProps(allowIngressControllerPropsSchema, props, scope, id);
    super(scope, id, props, { description: 'Ingress from the ingress controller' });
    const namespace = props.controllerNamespace ?? 'ingress-nginx';
    const peer = props.controllerPods ? Peer.pods(props.controllerPods, [namespace]) : Peer.namespace(namespace);
    this.policy.allowFrom(peer, { ports: props.ports });
  }
}
