import { Construct } from 'constructs';
import { z } from 'zod';
import { NamespacesInput, toNamespaceSelection } from '../../model/peer';
import { Port } from '../../model/port';
import { checkProps, namespacesInputSchema, portsSchema, selectingPatternPropsFields } from '../props';
import { SelectingPatternProps } from './pattern-props';
import { SinglePolicyPattern } from './single-policy-pattern';

export interface AllowFromNamespaceProps extends SelectingPatternProps {
  /** The namespaces allowed in: a list of names, or `{ selector }` over namespace labels. */
  readonly from: NamespacesInput;
  /** The ports they may reach. @default every port */
  readonly ports?: readonly Port[];
}

/** AllowFromNamespaceProps at run time (test/constructs/props-schemas.test.ts keeps the two the same). */
export const allowFromNamespacePropsSchema = z.strictObject({
  ...selectingPatternPropsFields,
  from: namespacesInputSchema,
  ports: portsSchema.optional(),
});

/** Every pod of other namespaces (by name or by labels) reaches the selected pods. */
export class AllowFromNamespace extends SinglePolicyPattern {
  constructor(scope: Construct, id: string, props: AllowFromNamespaceProps) {
    checkProps(allowFromNamespacePropsSchema, props, scope, id);
    super(scope, id, props, { description: 'Ingress from whole namespaces' });
    this.policy.allowFrom({ kind: 'namespaces', namespaces: toNamespaceSelection(props.from) }, { ports: props.ports });
  }
}
