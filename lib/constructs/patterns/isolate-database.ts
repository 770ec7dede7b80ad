import { Construct } from 'constructs';
import { z } from 'zod';
import { Port } from '../../model/port';
import { SelectorInput } from '../../model/selector';
import { DnsOption, dnsRulesFor } from '../dns';
import { PeerInput } from '../policy';
import { checkProps, dnsOptionSchema, peerInputsSchema, portsSchema, selectingPatternPropsFields, selectorInputSchema } from '../props';
import { SelectingPatternProps } from './pattern-props';
import { SinglePolicyPattern } from './single-policy-pattern';

export interface IsolateDatabaseProps extends SelectingPatternProps {
  /** The database pods, by labels. */
  readonly select: SelectorInput;
  /** The database ports. */
  readonly ports: readonly Port[];
  /** The only peers that may reach the database. */
  readonly clients: readonly PeerInput[];
  /** DNS, the one connection the database makes: false for none, or where the DNS is. @default true */
  readonly dns?: DnsOption;
}

/** IsolateDatabaseProps at run time (test/constructs/props-schemas.test.ts keeps the two the same). */
export const isolateDatabasePropsSchema = z.strictObject({
  ...selectingPatternPropsFields,
  select: selectorInputSchema,
  ports: portsSchema,
  clients: peerInputsSchema,
  dns: dnsOptionSchema.optional(),
});

/** Only the given clients reach the database ports; the database makes no connections but DNS. */
export class IsolateDatabase extends SinglePolicyPattern {
  constructor(scope: Construct, id: string, props: IsolateDatabaseProps) {
    checkProps(isolateDatabasePropsSchema, props, scope, id);
    super(scope, id, props, { isolate: ['ingress', 'egress'], description: 'Database: only its clients reach it; it reaches nothing but DNS' });
    if (props.ports.length === 0) throw new Error(`${this.node.path}: ports: give the database ports`);
    this.policy.allowFrom(props.clients, { ports: props.ports });
    dnsRulesFor(props.dns).forEach((rule) => this.policy.addRuleIntent(rule));
  }
}
