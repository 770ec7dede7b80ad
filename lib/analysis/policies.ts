import { DialectName } from '../dialects/capabilities';
import { DIALECTS, dialectOf } from '../dialects';
import { isNetworkPolicy } from '../dialects/kubernetes/read';
import { Manifest } from '../dialects/manifest';
import { NotAnalysed, policySource, ReadResult } from '../dialects/read-result';
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
  return { engine, intents: [...read.intents, ...also.read.intents], notAnalysed: [...read.notAnalysed, ...also.read.notAnalysed, ...unread], ...(notices.length > 0 && { notices }) };
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
