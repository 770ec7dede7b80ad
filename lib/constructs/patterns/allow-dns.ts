import { Construct } from 'constructs';
import { z } from 'zod';
import { dnsEgressRules, DnsServer } from '../dns';
import { checkProps, dnsServerSchema, selectingPatternPropsFields } from '../props';
import { SelectingPatternProps } from './pattern-props';
import { SinglePolicyPattern } from './single-policy-pattern';

export interface AllowDnsProps extends SelectingPatternProps {
  /** Where the cluster DNS is. @default kube-dns pods (k8s-app=kube-dns) in kube-system */
  readonly server?: DnsServer;
}

/** AllowDnsProps at run time (test/constructs/props-schemas.test.ts keeps the two the same). */
export const allowDnsPropsSchema = z.strictObject({
  ...selectingPatternPropsFields,
  server: dnsServerSchema.optional(),
});

/** Lets pods resolve names: egress to the cluster DNS pods on UDP and TCP 53 (and NodeLocal DNSCache if asked). */
export class AllowDns extends SinglePolicyPattern {
  constructor(scope: Construct, id: string, props: AllowDnsProps = {}) {
    checkProps(allowDnsPropsSchema, props, scope, id);
    super(scope, id, props, { description: 'DNS: egress to the cluster DNS on UDP and TCP 53' });
    dnsEgressRules(props.server).forEach((rule) => this.policy.addRuleIntent(rule));
  }
}
