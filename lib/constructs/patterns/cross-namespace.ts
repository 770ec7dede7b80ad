import { Construct } from 'constructs';
import { z } from 'zod';
import { Peer } from '../../model/peer';
import { Port } from '../../model/port';
import { SelectorInput } from '../../model/selector';
import { DnsOption, dnsRulesFor } from '../dns';
import { policyNameFromId } from '../names';
import { Policy } from '../policy';
import { checkProps, dnsOptionSchema, portsSchema, selectorInputSchema } from '../props';

/** One end of a CrossNamespace connection. */
export interface CrossNamespaceEnd {
  /** The namespace. */
  readonly namespace: string;
  /** The pods, by labels. */
  readonly select: SelectorInput;
}

export interface CrossNamespaceProps {
  /** The name of both policies (one in each namespace). @default the construct id in kebab-case */
  readonly name?: string;
  /** The calling pods. */
  readonly client: CrossNamespaceEnd;
  /** The called pods. */
  readonly server: CrossNamespaceEnd;
  /** The server ports the client reaches. */
  readonly ports: readonly Port[];
  /** DNS for the client (its egress is isolated): false for none, or where the DNS is. @default true */
  readonly dns?: DnsOption;
}

/** CrossNamespaceEnd at run time (test/constructs/props-schemas.test.ts keeps the two the same). */
export const crossNamespaceEndSchema = z.strictObject({ namespace: z.string(), select: selectorInputSchema });

/** CrossNamespaceProps at run time. */
export const crossNamespacePropsSchema = z.strictObject({
  name: z.string().optional(),
  client: crossNamespaceEndSchema,
  server: crossNamespaceEndSchema,
  ports: portsSchema,
  dns: dnsOptionSchema.optional(),
});

/**
 * A client in one namespace calls a server in another: an egress policy on the client side AND an
 * ingress policy on the server side, since each side's isolation needs its own allow.
 */
export class CrossNamespace extends Construct {
  /** The client side: egress to the server. */
  readonly clientPolicy: Policy;
  /** The server side: ingress from the client. */
  readonly serverPolicy: Policy;

  constructor(scope: Construct, id: string, props: CrossNamespaceProps) {
    checkProps(crossNamespacePropsSchema, props, scope, id);
    super(scope, id);
    const name = props.name ?? policyNameFromId(id);
    const { client, server, ports } = props;
    if (ports.length === 0) throw new Error(`${this.node.path}: ports: give the server ports the client reaches`);
    if (client.namespace === server.namespace) {
      throw new Error(`${this.node.path}: client and server are both in namespace ${client.namespace}: CrossNamespace is for two namespaces; use a Policy`);
    }
    this.clientPolicy = new Policy(this, 'Client', { name, namespace: client.namespace, select: client.select, description: `Egress to ${server.namespace}` })
      .allowTo(Peer.pods(server.select, [server.namespace]), { ports });
    dnsRulesFor(props.dns).forEach((rule) => this.clientPolicy.addRuleIntent(rule));
    this.serverPolicy = new Policy(this, 'Server', { name, namespace: server.namespace, select: server.select, description: `Ingress from ${client.namespace}` })
      .allowFrom(Peer.pods(client.select, [client.namespace]), { ports });
  }
}
