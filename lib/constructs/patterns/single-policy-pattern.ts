import { Construct } from 'constructs';
import { policyNameFromId } from '../names';
import { Policy, PolicyProps } from '../policy';
import { SelectingPatternProps } from './pattern-props';

/** A pattern made of one policy over the selected pods of one namespace. */
export abstract class SinglePolicyPattern extends Construct {
  /** The policy. */
  readonly policy: Policy;

  protected constructor(scope: Construct, id: string, props: SelectingPatternProps, policyProps: PolicyProps) {
    super(scope, id);
    this.policy = new Policy(this, 'Policy', {
      name: props.name ?? policyNameFromId(id),
      namespace: props.namespace,
      select: props.select,
      ...policyProps,
    });
  }
}
