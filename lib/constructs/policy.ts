import { Construct } from 'constructs';
import { z } from 'zod';
import { formatField, NetpolError } from '../model/errors';
import { PolicyIntent, policyIntentSchema, ruleInPolicyProblems, Tier } from '../model/intent';
import { AnyPeer, NamespacesInput, Peer, toNamespaceSelection } from '../model/peer';
import { Port } from '../model/port';
import { Action, Direction, DIRECTIONS, directionSchema, HttpMatch, Rule, ruleSchema } from '../model/rule';
import { SelectorInput, toSelector } from '../model/selector';
import { parseOrThrow } from '../model/validate';
import { dnsInspectionRule, DnsServer } from './dns';
import { policyNameFromId } from './names';
import { PolicyChart, policyChanged } from './policy-chart';
import { checkProps, directionsSchema, dnsServerSchema, httpMatchesSchema, namespacesInputSchema, peerInputSchema, peerInputsSchema, portsSchema, selectorInputSchema, shaped } from './props';

export interface PolicyProps {
  /** The policy's name, a DNS-1123 label. @default the construct id in kebab-case */
  readonly name?: string;
  /** The namespace of the policy. @default the PolicyChart's namespace */
  readonly namespace?: string;
  /** Make the policy cluster-wide (Calico GlobalNetworkPolicy, Cilium CCNP). @default false */
  readonly clusterWide?: boolean;
  /** The pods the policy is about, by labels. @default every pod in the namespace (or, cluster-wide, in `namespaces`) */
  readonly select?: SelectorInput;
  /** For a cluster-wide policy: the namespaces whose pods it is about (names or a selection). @default all namespaces */
  readonly namespaces?: NamespacesInput;
  /** Directions to isolate (default deny) even without rules. @default none: only the directions that have rules */
  readonly isolate?: readonly Direction[];
  /** Whether a direction with rules is isolated; false only adds allows (Cilium only). @default true */
  readonly defaultDeny?: boolean;
  /** Order within the tier, lower first; needed by deny and pass rules. @default none: after every ordered policy */
  readonly order?: number;
  /** The tier (Calico). @default the default tier */
  readonly tier?: Tier;
  /** What the policy is for, written where the dialect has room for it. @default none */
  readonly description?: string;
  /** Where the cluster DNS is, for the DNS rule that FQDN peers need. @default kube-dns pods in kube-system */
  readonly dns?: DnsServer;
}

/** Options of one rule. */
export interface RuleOptions {
  /** The protocols and ports. @default every protocol and port */
  readonly ports?: readonly Port[];
  /** L7 HTTP matches (TCP ports only; Cilium). @default none: the rule works at L3/L4 */
  readonly http?: readonly HttpMatch[];
  /** What the rule is for. @default none */
  readonly description?: string;
}

/** One peer, several, or `Peer.any()`. */
export type PeerInput = Peer | AnyPeer;

/** @internal PolicyProps at run time (test/constructs/props-schemas.test.ts keeps the two the same). */
export const policyPropsSchema = z.strictObject({
  name: z.string().optional(),
  namespace: z.string().optional(),
  clusterWide: z.boolean().optional(),
  select: selectorInputSchema.optional(),
  namespaces: namespacesInputSchema.optional(),
  isolate: directionsSchema.optional(),
  defaultDeny: z.boolean().optional(),
  order: z.number().optional(),
  tier: shaped<Tier>('a tier ({ name, order })', (value) => typeof value === 'object' && value !== null).optional(),
  description: z.string().optional(),
  dns: dnsServerSchema.optional(),
});

/** @internal RuleOptions at run time; the ports and matches themselves are checked with the rule. */
export const ruleOptionsSchema = z.strictObject({
  ports: portsSchema.optional(),
  http: httpMatchesSchema.optional(),
  description: z.string().optional(),
});

// The peers argument of allowFrom and the like: one peer or a list.
const peersArgumentSchema = z.union([peerInputSchema, peerInputsSchema]);

/**
 * A network policy, built step by step: select pods, then allow (or deny) connections from and to
 * peers. Every call is validated at once; the error names this construct's path and the field.
 */
export class Policy extends Construct {
  /** The policy's name. */
  readonly name: string;
  private readonly props: PolicyProps;
  private readonly namespace?: string;
  private readonly rules: Rule[] = [];
  private readonly isolated = new Set<Direction>();
  private hasDnsInspection = false;

  constructor(scope: Construct, id: string, props: PolicyProps = {}) {
    checkProps(policyPropsSchema, props, scope, id);
    super(scope, id);
    this.props = props;
    this.name = props.name ?? policyNameFromId(id);
    const chart = PolicyChart.policyChartOf(this);
    if (!props.clusterWide) {
      this.namespace = props.namespace ?? chart.namespace;
      if (this.namespace === undefined) {
        throw new Error(`${this.node.path}: no namespace: give the policy a namespace, or its PolicyChart a default one`);
      }
    } else if (props.namespace !== undefined) {
      throw new Error(`${this.node.path}: namespace: a cluster-wide policy has no namespace; use namespaces to choose whose pods it is about`);
    }
    (props.isolate ?? []).forEach((direction) => this.isolated.add(direction));
    parseOrThrow(policyIntentSchema, this.intent, this.node.path);
    policyChanged();
  }

  /** Allows connections from these peers (ingress). */
  allowFrom(peers: PeerInput | readonly PeerInput[], options: RuleOptions = {}): this {
    return this.addRule('ingress', 'allow', peers, options);
  }

  /** Allows connections to these peers (egress); FQDN peers also get the DNS rule they need. */
  allowTo(peers: PeerInput | readonly PeerInput[], options: RuleOptions = {}): this {
    return this.addRule('egress', 'allow', peers, options);
  }

  /** Denies connections from these peers (needs `order`; Calico and Cilium). */
  denyFrom(peers: PeerInput | readonly PeerInput[], options: RuleOptions = {}): this {
    return this.addRule('ingress', 'deny', peers, options);
  }

  /** Denies connections to these peers (needs `order`; Calico and Cilium). */
  denyTo(peers: PeerInput | readonly PeerInput[], options: RuleOptions = {}): this {
    return this.addRule('egress', 'deny', peers, options);
  }

  /** Passes connections from these peers to the next tier (needs `order`; Calico). */
  passFrom(peers: PeerInput | readonly PeerInput[], options: RuleOptions = {}): this {
    return this.addRule('ingress', 'pass', peers, options);
  }

  /** Passes connections to these peers to the next tier (needs `order`; Calico). */
  passTo(peers: PeerInput | readonly PeerInput[], options: RuleOptions = {}): this {
    return this.addRule('egress', 'pass', peers, options);
  }

  /** Logs connections from these peers and goes on to the next rule (Calico). */
  logFrom(peers: PeerInput | readonly PeerInput[], options: RuleOptions = {}): this {
    return this.addRule('ingress', 'log', peers, options);
  }

  /** Logs connections to these peers and goes on to the next rule (Calico). */
  logTo(peers: PeerInput | readonly PeerInput[], options: RuleOptions = {}): this {
    return this.addRule('egress', 'log', peers, options);
  }

  /** Isolates directions (default deny) whether or not they have rules. */
  isolate(...directions: Direction[]): this {
    directions.forEach((direction) => this.isolated.add(parseOrThrow(directionSchema, direction, this.node.path, ['isolate'])));
    policyChanged();
    return this;
  }

  /** Adds a rule as plain data, validated like every other. */
  addRuleIntent(rule: Rule): this {
    // Only the new rule needs checking: the rest of the policy was valid before it.
    const prefix = ['rules', this.rules.length];
    const valid = parseOrThrow(ruleSchema, rule, this.node.path, prefix);
    const problems = ruleInPolicyProblems({ scope: this.scope, order: this.props.order }, valid);
    if (problems.length > 0) {
      throw new NetpolError(problems.map(({ path, message }) => ({ where: this.node.path, field: formatField([...prefix, ...path]), message })));
    }
    this.rules.push(valid);
    policyChanged();
    return this;
  }

  /** The policy as a dialect-neutral intent. */
  get intent(): PolicyIntent {
    const { props } = this;
    const isolate = DIRECTIONS.filter(
      (direction) => this.isolated.has(direction) || (props.defaultDeny !== false && this.rules.some((rule) => rule.direction === direction)),
    );
    return {
      name: this.name,
      scope: this.scope,
      subject: {
        pods: toSelector(props.select ?? {}),
        ...(props.clusterWide && props.namespaces !== undefined && { namespaces: toNamespaceSelection(props.namespaces) }),
      },
      isolate,
      rules: this.rules.map((rule) => ({ ...rule })),
      ...(props.tier && { tier: props.tier }),
      ...(props.order !== undefined && { order: props.order }),
      ...(props.description && { description: props.description }),
      path: this.node.path,
    };
  }

  private get scope(): PolicyIntent['scope'] {
    return this.props.clusterWide ? 'cluster' : { namespace: this.namespace as string };
  }

  private addRule(direction: Direction, action: Action, peers: PeerInput | readonly PeerInput[], options: RuleOptions): this {
    parseOrThrow(peersArgumentSchema, peers, this.node.path, ['peers']);
    parseOrThrow(ruleOptionsSchema, options, this.node.path, ['options']);
    const list: readonly PeerInput[] = Array.isArray(peers) ? peers : [peers as PeerInput];
    if (list.length === 0) {
      throw new Error(`${this.node.path}: ${action} ${direction === 'ingress' ? 'from' : 'to'} an empty list of peers: pass Peer.any() to mean every peer`);
    }
    const any = list.some((peer) => peer.kind === 'any');
    const rule: Rule = {
      direction,
      action,
      peers: any ? [] : (list as Peer[]),
      ports: [...(options.ports ?? [])],
      ...(options.http && { http: [...options.http] }),
      ...(options.description && { description: options.description }),
    };
    const index = this.rules.length;
    this.addRuleIntent(rule);
    if (!this.hasDnsInspection && rule.peers.some((peer) => peer.kind === 'fqdn')) {
      this.hasDnsInspection = true;
      this.addRuleIntent({ ...dnsInspectionRule(this.props.dns), origin: `the DNS rule that FQDN peers need (added for rules[${index}])` });
    }
    return this;
  }
}
