import { Construct } from 'constructs';
import { z } from 'zod';
import { Peer } from '../../model/peer';
import { Port } from '../../model/port';
import { SelectorInput } from '../../model/selector';
import { checkProps, portsSchema, selectingPatternPropsFields, selectorInputSchema } from '../props';
import { SelectingPatternProps } from './pattern-props';
import { SinglePolicyPattern } from './single-policy-pattern';

export interface AllowMonitoringProps extends SelectingPatternProps {
  /** The metrics ports Prometheus scrapes (the pods' own ports). */
  readonly ports: readonly Port[];
  /** The monitoring namespace. @default 'monitoring' */
  readonly monitoringNamespace?: string;
  /** The Prometheus pods, by labels. @default every pod of the monitoring namespace */
  readonly prometheusPods?: SelectorInput;
}

/** AllowMonitoringProps at run time (test/constructs/props-schemas.test.ts keeps the two the same). */
export const allowMonitoringPropsSchema = z.strictObject({
  ...selectingPatternPropsFields,
  ports: portsSchema,
  monitoringNamespace: z.string().optional(),
  prometheusPods: selectorInputSchema.optional(),
});

/** Prometheus (in the monitoring namespace) scrapes the selected pods on their metrics ports. */
export class AllowMonitoring extends SinglePolicyPattern {
  constructor(scope: Construct, id: string, props: AllowMonitoringProps) {
    checkProps(allowMonitoringPropsSchema, props, scope, id);
    super(scope, id, props, { description: 'Prometheus scrapes metrics' });
    if (props.ports.length === 0) throw new Error(`${this.node.path}: ports: give the metrics ports Prometheus scrapes`);
    const namespace = props.monitoringNamespace ?? 'monitoring';
    const peer = props.prometheusPods ? Peer.pods(props.prometheusPods, [namespace]) : Peer.namespace(namespace);
    this.policy.allowFrom(peer, { ports: props.ports });
  }
}
