import { Construct } from 'constructs';
import { z } from 'zod';
import { Peer } from '../../model/peer';
import { Port } from '../../model/port';
import { checkProps, portsSchema, selectingPatternPropsFields } from '../props';
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

/** AllowFromCidrProps at run time (test/constructs/props-schemas.test.ts keeps the two the same). */
export const allowFromCidrPropsSchema = z.strictObject({
  ...selectingPatternPropsFields,
  cidr: z.string(),
  except: z.array(z.string()).readonly().optional(),
  ports: portsSchema.optional(),
});

/** Addresses outside the cluster (an office range, a partner) reach the selected pods. */
export class AllowFromCidr extends SinglePolicyPattern {
  constructor(scope: Construct, id: string, props: AllowFromCidrProps) {
    checkProps(allowFromCidrPropsSchema, props, scope, id);
    super(scope, id, props, { description: `Ingress from ${props.cidr}` });
    this.policy.allowFrom(Peer.cidr(props.cidr, props.except), { ports: props.ports });
  }
}
