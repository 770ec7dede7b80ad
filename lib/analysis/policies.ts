import { DialectName } from '../dialects/capabilities';
import { DIALECTS, dialectOf } from '../dialects';
import { isNetworkPolicy } from '../dialects/kubernetes/read';
import { Manifest } from '../dialects/manifest';
import { NotAnalysed, policySource, readFrom, ReadResult } from '../dialects/read-result';
import { PolicyIntent } from '../model/intent';
import { NetpolError } from '../model/errors';

/** Policies read for analysis, and the engine whose semantics they were read with. */
export interface Policies extends ReadResult {
  /** The engine (dialect) that enforces them. */
  readonly engine: DialectName;
}

function kindOf(manifest: Manifest): string {
  return `${manifest.apiVersion}/${manifest.kind}`;
}

/**
 * The engine the manifests are for, from the policy kinds only one engine enforces (its
 * `ownKinds`): none of them, Kubernetes; one engine's, that engine; two engines', an error.
 */
export function inferEngine(manifests: readonly Manifest[]): DialectName {
  const kinds = new Set(manifests.map(kindOf));
  const found = (Object.keys(DIALECTS) as DialectName[]).filter((name) => DIALECTS[name].ownKinds.some((kind) => kinds.has(kind)));
  // An engine that also enforces another dialect's kinds (Calico: ClusterNetworkPolicy or ANP/BANP) is the engine.
  const host = found.find((name) => found.every((other) => other === name || (DIALECTS[name].enforcesAlso ?? []).includes(other)));
  const engines = host ? [host] : found;
  if (engines.length > 1) {
    throw new NetpolError([{ where: 'inputs', field: '', message: `the manifests mix policy kinds of ${engines.join(' and ')}, which one cluster does not run together: analyse them separately, or choose one with --cni` }]);
  }
  return engines[0] ?? 'kubernetes';
}

// Kinds of network policy APIs (ours and others'), so that one no reader handles is reported, not ignored.
const POLICY_KIND = /(NetworkPolicy|NetworkPolicies|Tier)$/;

/**
 * Reads the policies an engine enforces (its own kinds, and Kubernetes NetworkPolicies as it
 * enforces them). Other policy kinds are reported as not analysed: a policy is never silently
 * treated as allowing or denying.
 */
export function readPolicies(manifests: readonly Manifest[], engine: DialectName = inferEngine(manifests)): Policies {
  const dialect = dialectOf(engine);
  const read = dialect.read(manifests);
  const also = alsoEnforced(engine, manifests);
  // The engine reads every kind of its own API (a Calico Tier, say), and Kubernetes NetworkPolicies.
  const understood = (manifest: Manifest) => isNetworkPolicy(manifest) || [...dialect.ownKinds, ...also.kinds].some((kind) => kind.startsWith(`${manifest.apiVersion}/`));
  const unread: NotAnalysed[] = manifests
    .filter((manifest) => POLICY_KIND.test(manifest.kind) && !understood(manifest))
    .map((manifest) => ({ policy: policySource(manifest), feature: `kind ${kindOf(manifest)}, which the ${engine} engine does not enforce` }));
  const notices = [...(read.notices ?? []), ...(also.read.notices ?? [])];
  const intents = withoutRepeats([...read.intents, ...also.read.intents]);
  return { engine, intents, notAnalysed: [...read.notAnalysed, ...also.read.notAnalysed, ...unread], ...(notices.length > 0 && { notices }) };
}

// A cluster holds one object of an API group, kind, namespace and name. The same policy given
// twice (in a folder and in a dump of the cluster, say) is read once; two that mean different
// things cannot both be there, so the input is refused rather than read as their sum.
function withoutRepeats(intents: readonly PolicyIntent[]): PolicyIntent[] {
  const bySource = new Map<Manifest, PolicyIntent[]>();
  for (const intent of intents) {
    const source = readFrom(intent) as Manifest;
    const read = bySource.get(source);
    if (read) read.push(intent);
    else bySource.set(source, [intent]);
  }
  const byIdentity = new Map<string, Manifest[]>();
  for (const source of bySource.keys()) {
    const key = objectIdentity(source);
    const same = byIdentity.get(key);
    if (same) same.push(source);
    else byIdentity.set(key, [source]);
  }
  const repeated = new Set<Manifest>();
  for (const [first, ...others] of byIdentity.values()) {
    const meaning = others.length > 0 ? canonicalJson(bySource.get(first)) : '';
    for (const other of others) {
      if (canonicalJson(bySource.get(other)) !== meaning) {
        const where = other.metadata?.namespace === undefined ? 'of a name' : 'of a name in a namespace';
        throw new NetpolError([{ where: policySource(other), field: '', message: `is given twice, meaning different things: a cluster holds one ${other.kind} ${where}; give one (to compare two versions, use netpol diff)` }]);
      }
      repeated.add(other);
    }
  }
  return repeated.size === 0 ? [...intents] : intents.filter((intent) => !repeated.has(readFrom(intent) as Manifest));
}

function objectIdentity(manifest: Manifest): string {
  const group = manifest.apiVersion.includes('/') ? manifest.apiVersion.split('/')[0] : '';
  return `${group}/${manifest.kind} ${manifest.metadata?.namespace ?? ''}/${manifest.metadata?.name}`;
}

// JSON with every object's keys sorted: two readings of one policy compare equal whatever order its YAML gave the keys in.
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, inner) => (inner !== null && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : inner));
}

// The other dialect's kinds an engine enforces beside its own, read by that dialect (without its
// NetworkPolicies, which the engine's reader has read): at most one such dialect per input.
function alsoEnforced(engine: DialectName, manifests: readonly Manifest[]): { kinds: readonly string[]; read: ReadResult } {
  const kinds = new Set(manifests.map(kindOf));
  const present = (DIALECTS[engine].enforcesAlso ?? []).filter((name) => DIALECTS[name].ownKinds.some((kind) => kinds.has(kind)));
  if (present.length > 1) {
    throw new NetpolError([{ where: 'inputs', field: '', message: `the manifests mix policy kinds of ${present.join(' and ')}, which no version of ${engine} enforces together: analyse them separately` }]);
  }
  if (present.length === 0) return { kinds: [], read: { intents: [], notAnalysed: [] } };
  const other = DIALECTS[present[0]];
  return { kinds: other.ownKinds, read: other.read(manifests.filter((manifest) => other.ownKinds.includes(kindOf(manifest)))) };
}
