import { Construct } from 'constructs';
import { dnsEgressRules, DnsServer } from '../dns';
import { SelectingPatternProps } from './pattern-props';
import { SinglePolicyPattern } from './single-policy-pattern';

export interface AllowDnsProps extends SelectingPatternProps {
  /** Where the cluster DNS is. @default kube-dns pods (k8s-app=kube-dns) in kube-system */
  readonly server?: DnsServer;
}

/** Lets pods resolve names: egress to the cluster DNS pods on UDP and TCP 53 (and NodeLocal DNSCache if asked). */
export class AllowDns extends SinglePolicyPattern {
  constructor(scope: Construct, id: string, props: AllowDnsProps = {}) {
    super(scope, id, props, { description: 'DNS: egress to the cluster DNS on UDP and TCP 53' });
    dnsEgressRules(props.server).forEach((rule) => this.policy.addRuleIntent(rule));
  }
}
