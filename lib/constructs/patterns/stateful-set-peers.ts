import { Construct } from 'constructs';
import { z } from 'zod';
import { Peer } from '../../model/peer';
import { Port } from '../../model/port';
import { SelectorInput } from '../../model/selector';
import { DnsOption, dnsRulesFor } from '../dns';
import { checkProps, dnsOptionSchema, portsSchema, selectingPatternPropsFields, selectorInputSchema } from '../props';
import { SelectingPatternProps } from './pattern-props';
import { SinglePolicyPattern } from './single-policy-pattern';

export interface StatefulSetPeersProps extends SelectingPatternProps {
  /** The pods of the StatefulSet, by labels. */
  readonly select: SelectorInput;
  /** The ports the peers talk on. @default every port */
  readonly ports?: readonly Port[];
  /** DNS (peers find each other through the headless Service): false for none, or where the DNS is. @default true */
  readonly dns?: DnsOption;
}

/** StatefulSetPeersProps at run time (test/constructs/props-schemas.test.ts keeps the two the same). */
export const statefulSetPeersPropsSchema = z.strictObject({
  ...selectingPatternPropsFields,
  select: selectorInputSchema,
  ports: portsSchema.optional(),
  dns: dnsOptionSchema.optional(),
});

/** Pods of one app (a StatefulSet's replicas) reach each other both ways. */
export class StatefulSetPeers extends SinglePolicyPattern {
  constructor(scope: Construct, id: string, props: StatefulSetPeersProps) {
    checkProps(statefulSetPeersPropsSchema, props, scope, id);
    super(scope, id, props, { description: 'Peers of one app reach each other' });
    const peers = Peer.pods(props.select);
    this.policy.allowFrom(peers, { ports: props.ports }).allowTo(peers, { ports: props.ports });
    dnsRulesFor(props.dns).forEach((rule) => this.policy.addRuleIntent(rule));
  }
}
