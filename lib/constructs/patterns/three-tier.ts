import { Construct } from 'constructs';
import { z } from 'zod';
import { Peer } from '../../model/peer';
import { Port } from '../../model/port';
import { SelectorInput } from '../../model/selector';
import { DnsOption, dnsRulesFor } from '../dns';
import { policyNameFromId } from '../names';
import { Policy, PeerInput } from '../policy';
import { checkProps, dnsOptionSchema, patternPropsFields, peerInputsSchema, portsSchema, selectorInputSchema } from '../props';
import { PatternProps } from './pattern-props';

/** One tier of a ThreeTier. */
export interface TierProps {
  /** The tier's pods, by labels. */
  readonly select: SelectorInput;
  /** The ports the tier serves on (the pods' own ports). */
  readonly ports: readonly Port[];
}

export interface ThreeTierProps extends PatternProps {
  /** The web tier, reached from `entry`. */
  readonly web: TierProps;
  /** The app tier, reached from web. */
  readonly app: TierProps;
  /** The database tier, reached from app; it makes no connections but DNS. */
  readonly db: TierProps;
  /** Who reaches the web tier: an ingress controller's namespace, a CIDR, ... @default every pod in namespace ingress-nginx */
  readonly entry?: readonly PeerInput[];
  /** DNS for every tier: false for none, or where the DNS is. @default true (kube-dns pods in kube-system) */
  readonly dns?: DnsOption;
}

/** TierProps at run time (test/constructs/props-schemas.test.ts keeps the two the same). */
export const tierPropsSchema = z.strictObject({ select: selectorInputSchema, ports: portsSchema });

/** ThreeTierProps at run time. */
export const threeTierPropsSchema = z.strictObject({
  ...patternPropsFields,
  web: tierPropsSchema,
  app: tierPropsSchema,
  db: tierPropsSchema,
  entry: peerInputsSchema.optional(),
  dns: dnsOptionSchema.optional(),
});

/**
 * entry -> web -> app -> db, each on its own ports, both sides of every hop (the caller's egress
 * and the callee's ingress); every tier is isolated both ways, so nothing else gets through.
 */
export class ThreeTier extends Construct {
  /** The web tier's policy. */
  readonly web: Policy;
  /** The app tier's policy. */
  readonly app: Policy;
  /** The database tier's policy. */
  readonly db: Policy;

  constructor(scope: Construct, id: string, props: ThreeTierProps) {
    checkProps(threeTierPropsSchema, props, scope, id);
    super(scope, id);
    const name = props.name ?? policyNameFromId(id);
    const tier = (tierId: string, tierProps: TierProps, from: readonly PeerInput[], to?: TierProps) => {
      const policy = new Policy(this, tierId, {
        name: `${name}-${tierId.toLowerCase()}`,
        namespace: props.namespace,
        select: tierProps.select,
        isolate: ['ingress', 'egress'],
      });
      policy.allowFrom(from, { ports: tierProps.ports });
      if (to) policy.allowTo(Peer.pods(to.select), { ports: to.ports });
      dnsRulesFor(props.dns).forEach((rule) => policy.addRuleIntent(rule));
      return policy;
    };
    this.web = tier('Web', props.web, props.entry ?? [Peer.namespace('ingress-nginx')], props.app);
    this.app = tier('App', props.app, [Peer.pods(props.web.select)], props.db);
    this.db = tier('Db', props.db, [Peer.pods(props.app.select)]);
  }
}
