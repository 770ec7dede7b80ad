import { AllowDns, DefaultDeny, Peer, Policy, Port, SelectorInput } from 'cdk8s-netpol';
import { Construct } from 'constructs';

/** Pods outside the zone that may call into it. */
export interface PciClient {
  /** The clients' namespace. */
  readonly namespace: string;
  /** The client pods, by labels. */
  readonly pods: SelectorInput;
}

export interface PciZoneProps {
  /** The namespace that holds the card data. */
  readonly namespace: string;
  /** The only pods that may call into the zone. */
  readonly clients: readonly PciClient[];
  /** The ports they call on. */
  readonly ports: readonly Port[];
}

/**
 * A card-data (PCI DSS) zone: its namespace is isolated both ways; only the named clients reach it,
 * on the named ports; its pods resolve names and make no other connection, not even to each other.
 */
export class PciZone extends Construct {
  constructor(scope: Construct, id: string, props: PciZoneProps) {
    super(scope, id);
    const { namespace } = props;
    new DefaultDeny(this, 'DefaultDeny', { namespace });
    new AllowDns(this, 'AllowDns', { namespace });
    const entry = new Policy(this, 'Clients', { namespace, description: 'only the named clients reach the card-data zone' });
    for (const client of props.clients) entry.allowFrom(Peer.pods(client.pods, [client.namespace]), { ports: [...props.ports] });
  }
}
