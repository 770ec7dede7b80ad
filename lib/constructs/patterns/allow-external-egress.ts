import { Construct } from 'constructs';
import { z } from 'zod';
import { Peer } from '../../model/peer';
import { Port } from '../../model/port';
import { DnsOption, dnsRulesFor } from '../dns';
import { checkProps, dnsOptionSchema, portsSchema, selectingPatternPropsFields } from '../props';
import { SelectingPatternProps } from './pattern-props';
import { SinglePolicyPattern } from './single-policy-pattern';

/** The private IPv4 ranges of RFC 1918. */
export const RFC1918_RANGES: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'];

export interface AllowExternalEgressProps extends SelectingPatternProps {
  /** The ports allowed out. @default [Port.tcp(443)] */
  readonly ports?: readonly Port[];
  /** The addresses allowed out. @default '0.0.0.0/0' */
  readonly cidr?: string;
  /** Ranges inside `cidr` kept out. @default the RFC 1918 private ranges */
  readonly except?: readonly string[];
  /** DNS names (or patterns) allowed out instead of `cidr` (Cilium only; adds the DNS rule they need). @default none: use `cidr` */
  readonly fqdns?: readonly string[];
  /** DNS: false for none, or where the DNS is. @default true (kube-dns pods in kube-system) */
  readonly dns?: DnsOption;
}

/** AllowExternalEgressProps at run time (test/constructs/props-schemas.test.ts keeps the two the same). */
export const allowExternalEgressPropsSchema = z.strictObject({
  ...selectingPatternPropsFields,
  ports: portsSchema.optional(),
  cidr: z.string().optional(),
  except: z.array(z.string()).readonly().optional(),
  fqdns: z.array(z.string()).readonly().optional(),
  dns: dnsOptionSchema.optional(),
});

/** Egress to the internet (by default HTTPS to everything but the private ranges), with DNS. */
export class AllowExternalEgress extends SinglePolicyPattern {
  constructor(scope: Construct, id: string, props: AllowExternalEgressProps = {}) {
    checkProps(allowExternalEgressPropsSchema, props, scope, id);
    super(scope, id, props, {
      description: 'Egress to external services',
      ...(typeof props.dns === 'object' && { dns: props.dns }),
    });
    const ports = props.ports ?? [Port.tcp(443)];
    if (props.fqdns) {
      if (props.fqdns.length === 0) throw new Error(`${this.node.path}: fqdns: give at least one name, or leave fqdns out to use cidr`);
      // The policy adds the DNS rule FQDN peers need, which also lets the pods resolve names.
      this.policy.allowTo(props.fqdns.map((pattern) => Peer.fqdn(pattern)), { ports });
      return;
    }
    this.policy.allowTo(Peer.cidr(props.cidr ?? '0.0.0.0/0', props.except ?? RFC1918_RANGES), { ports });
    dnsRulesFor(props.dns).forEach((rule) => this.policy.addRuleIntent(rule));
  }
}
