import {
  AllowDns, AllowIngressController, AllowMonitoring, AllowSameNamespace, DefaultDeny, Port, SelectorInput,
} from 'cdk8s-netpol';
import { Construct } from 'constructs';

export interface TeamNamespaceProps {
  /** The team's namespace. @default the chart's namespace */
  readonly namespace?: string;
  /** The pods the ingress controller may reach. @default every pod of the namespace */
  readonly exposed?: SelectorInput;
  /** The ports the ingress controller reaches them on. @default every port */
  readonly exposedPorts?: readonly Port[];
  /** The ports Prometheus scrapes. @default the port named `metrics` */
  readonly metricsPorts?: readonly Port[];
}

/**
 * A team's namespace as ACME runs them: default deny both ways, cluster DNS, the namespace's pods
 * reach each other, Prometheus scrapes every pod, and the ingress controller reaches the exposed pods.
 */
export class TeamNamespace extends Construct {
  constructor(scope: Construct, id: string, props: TeamNamespaceProps = {}) {
    super(scope, id);
    const namespace = props.namespace;
    new DefaultDeny(this, 'DefaultDeny', { namespace });
    new AllowDns(this, 'AllowDns', { namespace });
    new AllowSameNamespace(this, 'AllowSameNamespace', { namespace });
    new AllowMonitoring(this, 'AllowMonitoring', { namespace, ports: props.metricsPorts ?? [Port.tcp('metrics')] });
    new AllowIngressController(this, 'AllowIngressController', { namespace, select: props.exposed, ports: props.exposedPorts });
  }
}
