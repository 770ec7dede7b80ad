import { Construct } from 'constructs';
import { z } from 'zod';
import { Direction } from '../../model/rule';
import { checkProps, directionsSchema, selectingPatternPropsFields } from '../props';
import { SelectingPatternProps } from './pattern-props';
import { SinglePolicyPattern } from './single-policy-pattern';

export interface DefaultDenyProps extends SelectingPatternProps {
  /** The directions to deny by default. @default ['ingress', 'egress'] */
  readonly directions?: readonly Direction[];
}

/** DefaultDenyProps at run time (test/constructs/props-schemas.test.ts keeps the two the same). */
export const defaultDenyPropsSchema = z.strictObject({
  ...selectingPatternPropsFields,
  directions: directionsSchema.optional(),
});

/** Isolates pods (the whole namespace by default): only what other policies allow gets through. */
export class DefaultDeny extends SinglePolicyPattern {
  constructor(scope: Construct, id: string, props: DefaultDenyProps = {}) {
    checkProps(defaultDenyPropsSchema, props, scope, id);
    const directions = props.directions ?? ['ingress', 'egress'];
    super(scope, id, props, { isolate: directions, description: `Default deny (${directions.join(', ')}): only what other policies allow gets through` });
    if (directions.length === 0) throw new Error(`${this.node.path}: directions: give ingress, egress or both`);
  }
}
