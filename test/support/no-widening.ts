// The no-widening property: for random intents and clusters, what a dialect's YAML means (rendered,
// written out, parsed, read back with the dialect's reader, evaluated) equals what the intents
// mean. Callable with a case count and seed, so the benchmark can run thousands of cases.
import fc from 'fast-check';
import { diffReachability } from '../../lib/analysis/diff';
import { verdictText } from '../../lib/analysis/format';
import { parseManifests } from '../../lib/analysis/manifests';
import { readPolicies } from '../../lib/analysis/policies';
import { reach } from '../../lib/analysis/reach';
import { stringifyManifests } from '../../lib/synth/yaml';
import { Workloads } from '../../lib/analysis/workloads';
import { CAPABILITIES, DialectName, DIALECTS, Feature, NetpolError, Peer, PolicyIntent, Port, Rule } from '../../lib';
import { policyIntentSchema } from '../../lib/model/intent';
import { FixturePod, fixtureWorkloads } from '../../lib/testing';
import { labelSelector } from './arbitraries';

const NAMESPACES = ['shop', 'payments', 'kube-system', 'monitoring'] as const;
const API_SERVER = '192.0.2.10';
const labelKey = fc.constantFrom('app', 'tier', 'team');
const labelValue = fc.constantFrom('web', 'api', 'db', 'a', 'b');
// Named ports that differ in protocol between pods exercise per-destination resolution.
const containerPorts = fc
  .tuple(fc.subarray(['metrics:TCP/9090', 'dns:UDP/53', 'TCP/443', 'SCTP/7070']), fc.option(fc.constantFrom('http:TCP/8080', 'http:UDP/8080'), { nil: undefined }))
  .map(([ports, http]) => (http ? [http, ...ports] : ports));

/** A random cluster: pods with labels, ports and service accounts in a few namespaces with labels. */
export const clusterArbitrary: fc.Arbitrary<Workloads> = fc
  .record({
    pods: fc.array(
      fc.record({
        namespace: fc.constantFrom(...NAMESPACES),
        labels: fc.dictionary(labelKey, labelValue, { maxKeys: 3 }),
        ports: containerPorts,
        serviceAccount: fc.constantFrom('default', 'robot'),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    namespaceLabels: fc.dictionary(fc.constantFrom(...NAMESPACES), fc.dictionary(labelKey, labelValue, { maxKeys: 1 })),
  })
  .map(({ pods, namespaceLabels }) =>
    fixtureWorkloads({
      pods: Object.fromEntries(pods.map(({ namespace, ...pod }, index): [string, FixturePod] => [`${namespace}/w${index}`, pod])),
      namespaces: namespaceLabels,
      apiServer: [API_SERVER],
    }),
  );

const namespaceSelection = (features: readonly Feature[], clusterScope: boolean) =>
  fc.oneof(
    fc.constant('all' as const),
    fc.record({ names: fc.uniqueArray(fc.constantFrom(...NAMESPACES), { minLength: 1, maxLength: 2 }) }),
    ...(clusterScope || features.includes('namespace-labels-in-namespaced-policy') ? [fc.record({ selector: labelSelector })] : []),
  );

function peerArbitrary(features: readonly Feature[], direction: Rule['direction'], action: Rule['action'], clusterScope: boolean): fc.Arbitrary<Peer> {
  const namespaces = namespaceSelection(features, clusterScope);
  const optionalNamespaces = clusterScope ? { requiredKeys: ['kind', 'pods', 'namespaces'] as const } : { requiredKeys: ['kind', 'pods'] as const };
  const peers: fc.Arbitrary<Peer>[] = [
    fc.record({ kind: fc.constant('pods' as const), pods: labelSelector, namespaces }, optionalNamespaces as never),
    fc.record({ kind: fc.constant('namespaces' as const), namespaces }),
    fc.constantFrom<Peer>(
      { kind: 'cidr', cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] },
      { kind: 'cidr', cidr: '192.0.2.0/24' },
      { kind: 'cidr', cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] },
      { kind: 'cidr', cidr: '2001:db8::/32' },
      { kind: 'entity', entity: 'kube-apiserver', cidrs: [`${API_SERVER}/32`] },
    ),
  ];
  if (features.includes('entity')) peers.push(fc.constantFrom<Peer>(...(['world', 'cluster', 'host', 'remote-node', 'kube-apiserver', 'all'] as const).map((entity): Peer => ({ kind: 'entity', entity }))));
  if (features.includes('service-account')) {
    const names = ['robot'];
    peers.push(clusterScope ? namespaces.map((selection): Peer => ({ kind: 'serviceAccount', names, namespaces: selection })) : fc.constant<Peer>({ kind: 'serviceAccount', names }));
  }
  if (features.includes('service-account-selector')) {
    peers.push(fc.constant<Peer>({ kind: 'serviceAccount', selector: { matchLabels: { 'projectcalico.org/name': 'robot' } }, ...(clusterScope && { namespaces: 'all' as const }) }));
  }
  if (features.includes('fqdn') && direction === 'egress' && action === 'allow') peers.push(fc.constantFrom<Peer>({ kind: 'fqdn', pattern: 'api.example.com' }, { kind: 'fqdn', pattern: '*.example.com' }));
  return fc.oneof(...peers);
}

function portArbitrary(features: readonly Feature[], direction: Rule['direction']): fc.Arbitrary<Port> {
  const protocol = fc.constantFrom('TCP' as const, 'UDP' as const, 'SCTP' as const);
  const ports: fc.Arbitrary<Port>[] = [
    fc.record({ protocol }),
    fc.record({ protocol, port: fc.constantFrom(53, 443, 8080, 9090) }),
    fc.record({ protocol: fc.constantFrom('TCP' as const, 'UDP' as const), port: fc.constant(8000), endPort: fc.constantFrom(8100, 9090) }),
  ];
  if (direction === 'ingress' || features.includes('egress-named-port')) ports.push(fc.record({ protocol: fc.constantFrom('TCP' as const, 'UDP' as const), port: fc.constantFrom('http', 'metrics', 'dns') }));
  if (features.includes('icmp')) ports.push(fc.record({ protocol: fc.constantFrom('ICMP' as const, 'ICMPv6' as const), icmpType: fc.constantFrom(0, 8) }, { requiredKeys: ['protocol'] }));
  if (features.includes('icmp-code')) ports.push(fc.constant<Port>({ protocol: 'ICMP', icmpType: 3, icmpCode: 4 }));
  return fc.oneof(...ports);
}

function ruleArbitrary(features: readonly Feature[], clusterScope: boolean, ordered: boolean): fc.Arbitrary<Rule> {
  const actions: Rule['action'][] = ['allow', ...(['deny', 'pass', 'log'] as const).filter((action) => features.includes(action) && (ordered || action === 'log'))];
  return fc.record({ direction: fc.constantFrom('ingress' as const, 'egress' as const), action: fc.constantFrom(...actions) }).chain(({ direction, action }) => {
    const base = { direction: fc.constant(direction), action: fc.constant(action), peers: fc.array(peerArbitrary(features, direction, action, clusterScope), { maxLength: 2 }) };
    const l7: fc.Arbitrary<Rule>[] = [];
    if (action === 'allow' && features.includes('http')) {
      l7.push(fc.record({ ...base, ports: fc.constant([Port.tcp(8080)]), http: fc.constant([{ method: 'GET', path: '/api/.*' }]) }));
    }
    if (action === 'allow' && direction === 'egress' && features.includes('dns')) {
      l7.push(fc.record({ ...base, ports: fc.constant([Port.udp(53)]), dns: fc.constantFrom([{ pattern: '*' }], [{ pattern: '*.example.com' }]) }));
    }
    const plain = fc.record({ ...base, ports: fc.array(portArbitrary(features, direction), { maxLength: 2 }) });
    return l7.length > 0 ? fc.oneof({ arbitrary: plain, weight: 3 }, ...l7) : plain;
  });
}

/** Random valid intents that use only `features` (a dialect's capabilities). */
export function intentsArbitrary(features: readonly Feature[]): fc.Arbitrary<PolicyIntent[]> {
  const tier = features.includes('tier') ? fc.option(fc.record({ name: fc.constant('security'), order: fc.constantFrom(100, 2_000_000), defaultAction: fc.constantFrom('deny' as const, 'pass' as const) }), { nil: undefined }) : fc.constant(undefined);
  return tier.chain((sharedTier) =>
    fc.array(
      fc
        .record({
          clusterScope: features.includes('cluster-scope') ? fc.boolean() : fc.constant(false),
          ordered: features.includes('order') ? fc.boolean() : fc.constant(false),
          inTier: fc.boolean(),
        })
        .chain(({ clusterScope, ordered, inTier }) =>
          fc.record({
            namespace: fc.constantFrom(...NAMESPACES),
            subjectNamespaces: clusterScope ? fc.option(namespaceSelection(features, true), { nil: undefined }) : fc.constant(undefined),
            pods: labelSelector,
            rules: fc.array(ruleArbitrary(features, clusterScope, ordered), { maxLength: 3 }),
            isolate: fc.subarray(['ingress', 'egress'] as const),
            order: ordered ? fc.integer({ min: 1, max: 5 }) : fc.constant(undefined),
            clusterScope: fc.constant(clusterScope),
            tier: fc.constant(ordered && inTier ? sharedTier : undefined),
          }),
        ),
      { maxLength: 4 },
    ).map((drafts) =>
      // PolicyChart refuses a policy that neither isolates nor has rules (no dialect can say it), so none is made.
      drafts.filter((draft) => draft.rules.length > 0 || draft.isolate.length > 0).map(({ namespace, subjectNamespaces, pods, rules, isolate, order, clusterScope, tier: intentTier }, index): PolicyIntent => {
        const withRules = (['ingress', 'egress'] as const).filter((direction) => isolate.includes(direction) || (!features.includes('allow-without-isolation') && rules.some((rule) => rule.direction === direction)));
        return {
          name: `p${index}`,
          scope: clusterScope ? 'cluster' : { namespace },
          subject: { pods, ...(subjectNamespaces !== undefined && { namespaces: subjectNamespaces }) },
          isolate: withRules,
          rules,
          ...(order !== undefined && { order }),
          ...(intentTier && { tier: intentTier }),
        };
      }),
    ),
  );
}

// The intents a dialect's YAML for them reads back as; undefined when the dialect refuses them.
function readBack(dialect: DialectName, intents: readonly PolicyIntent[]): { intents: PolicyIntent[]; notAnalysed: string[] } | undefined {
  let manifests;
  try {
    manifests = DIALECTS[dialect].render(intents);
  } catch (error) {
    if (error instanceof NetpolError) return undefined;
    throw error;
  }
  // Written as dist/ is written.
  const text = stringifyManifests(manifests);
  const policies = readPolicies(parseManifests(text, `${dialect}.yaml`).map((sourced) => sourced.manifest), dialect);
  return { intents: policies.intents, notAnalysed: policies.notAnalysed.map(({ policy, feature }) => `${policy}: ${feature}`) };
}

/** The differences in meaning between intents and a dialect's YAML of them, as readable lines; undefined when the dialect refuses them. */
export function meaningDifferences(dialect: DialectName, intents: readonly PolicyIntent[], workloads: Workloads): string[] | undefined {
  const read = readBack(dialect, intents);
  if (!read) return undefined;
  if (read.notAnalysed.length > 0) return read.notAnalysed.map((line) => `not analysed: ${line}`);
  return diffReachability(reach(intents, workloads), reach(read.intents, workloads)).map(
    (change) => `${change.source.name} => ${change.destination.name}: intents ${verdictText(change.before)}, ${dialect} YAML ${verdictText(change.after)}`,
  );
}

/** Options of a no-widening run. */
export interface NoWideningOptions {
  /** The dialect whose render and read are checked. */
  readonly dialect: DialectName;
  /** How many cases. @default 200 */
  readonly numRuns?: number;
  /** The seed, to replay a run. @default random */
  readonly seed?: number;
  /** The features intents may use. @default the dialect's capabilities */
  readonly features?: readonly Feature[];
}

/**
 * Checks the property for one dialect; throws fast-check's report (with the shrunk
 * counterexample and the seed) when what the YAML means differs from what the intents mean.
 * Returns how many cases the dialect accepted (it may refuse some, e.g. Cilium overlapping denies).
 */
export function checkNoWidening(options: NoWideningOptions): { accepted: number; runs: number } {
  const features = options.features ?? CAPABILITIES[options.dialect];
  let accepted = 0;
  let runs = 0;
  fc.assert(
    fc.property(intentsArbitrary(features), clusterArbitrary, (intents, workloads) => {
      runs++;
      if (!policyIntentSchema.array().safeParse(intents).success) throw new Error(`the generator made invalid intents: ${JSON.stringify(intents)}`);
      const differences = meaningDifferences(options.dialect, intents, workloads);
      if (differences) accepted++;
      if (differences && differences.length > 0) throw new Error(`${options.dialect} YAML means something else than its intents:\n${differences.join('\n')}`);
    }),
    { numRuns: options.numRuns ?? 200, ...(options.seed !== undefined && { seed: options.seed }) },
  );
  return { accepted, runs };
}
