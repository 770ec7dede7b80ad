import { Construct } from 'constructs';
import { Peer } from '../../model/peer';
import { Port } from '../../model/port';
import { SelectorInput } from '../../model/selector';
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

/** Prometheus (in the monitoring namespace) scrapes the selected pods on their metrics ports. */
export class AllowMonitoring extends SinglePolicyPattern {
  constructor(scope: Construct, id: string, props: AllowMonitoringProps) {
    super(scope, id, props, { description: 'Prometheus scrapes metrics' });
    if (props.ports.length === 0) throw new Error(`${this.node.path}: ports: give the metrics ports Prometheus scrapes`);
    const namespace = props.monitoringNamespace ?? 'monitoring';
    const peer = props.prometheusPods ? Peer.pods(props.prometheusPods, [namespace]) : Peer.namespace(namespace);
    this.policy.allowFrom(peer, { ports: props.ports });
  }
}
