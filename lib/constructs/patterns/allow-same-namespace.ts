import { Construct } from 'constructs';
import { z } from 'zod';
import { Peer } from '../../model/peer';
import { Direction } from '../../model/rule';
import { checkProps, directionsSchema, selectingPatternPropsFields } from '../props';
import { SelectingPatternProps } from './pattern-props';
import { SinglePolicyPattern } from './single-policy-pattern';

export interface AllowSameNamespaceProps extends SelectingPatternProps {
  /** The directions to allow within the namespace. @default ['ingress', 'egress'] */
  readonly directions?: readonly Direction[];
}

/** AllowSameNamespaceProps at run time (test/constructs/props-schemas.test.ts keeps the two the same). */
export const allowSameNamespacePropsSchema = z.strictObject({
  ...selectingPatternPropsFields,
  directions: directionsSchema.optional(),
});

/** Pods of a namespace reach each other on every port; nothing from or to other namespaces. */
export class AllowSameNamespace extends SinglePolicyPattern {
  constructor(scope: Construct, id: string, props: AllowSameNamespaceProps = {}) {
    checkProps(allowSameNamespacePropsSchema, props, scope, id);
    super(scope, id, props, { description: 'Pods of this namespace reach each other' });
    const directions = props.directions ?? ['ingress', 'egress'];
    if (directions.includes('ingress')) this.policy.allowFrom(Peer.pods({}));
    if (directions.includes('egress')) this.policy.allowTo(Peer.pods({}));
  }
}
