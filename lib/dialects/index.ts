import { PolicyIntent } from '../model/intent';
import { Labels } from '../model/selector';
import { CALICO_OWN_KINDS, CALICO_SCHEMAS } from './calico/kinds';
import { readCalico } from './calico/read';
import { renderCalico } from './calico/render';
import { CALICO_NAME_LABEL } from './calico/selector';
import { DialectName } from './capabilities';
import { CILIUM_KINDS, CILIUM_SCHEMAS } from './cilium/kinds';
import { CILIUM_LINT_CHECKS } from './cilium/lint';
import { readCilium } from './cilium/read';
import { renderCilium } from './cilium/render';
import { KUBERNETES_LINT_CHECKS } from './kubernetes/lint';
import { readKubernetes } from './kubernetes/read';
import { ManifestCheck } from './lint-check';
import { renderKubernetes } from './kubernetes/render';
import { KUBERNETES_SCHEMAS } from './kubernetes/schemas';
import { ANP_KINDS, ANP_SCHEMAS, CNP_KINDS, CNP_SCHEMAS } from './kubernetes-cnp/api';
import { readAnp, readCnp } from './kubernetes-cnp/read';
import { renderAnp, renderCnp } from './kubernetes-cnp/render-targets';
import { Manifest, RenderOptions } from './manifest';
import { OfficialSchema } from './official-schema';
import { ReadResult } from './read-result';

/** What each dialect provides. Adding a dialect is adding a folder and an entry here. */
export interface Dialect {
  /** Renders intents to manifests; throws a NetpolError listing every intent it cannot express exactly. */
  readonly render: (intents: readonly PolicyIntent[], options?: RenderOptions) => Manifest[];
  /**
   * Reads back every policy the engine enforces (its own kinds, and Kubernetes NetworkPolicies as
   * the engine sees them); other kinds are ignored.
   */
  readonly read: (manifests: readonly Manifest[]) => ReadResult;
  /** The `apiVersion/kind` of the policy objects only this engine enforces (how the analysis infers the engine). */
  readonly ownKinds: readonly string[];
  /** Labels the engine gives every namespace and service account of a name, which its selectors may test. @default none */
  readonly implicitLabels?: (name: string) => Labels;
  /** Lint checks that need the raw YAML the engine enforces (its own kinds and NetworkPolicies). @default none */
  readonly lintChecks?: readonly ManifestCheck[];
  /** The official schemas of the kinds it writes, which the cdk8s plugin validates them against. @default none */
  readonly schemas?: readonly OfficialSchema[];
  /** Dialects whose policy kinds this engine also enforces, one per input (one version's). @default none */
  readonly enforcesAlso?: readonly DialectName[];
}

export const DIALECTS: Readonly<Record<DialectName, Dialect>> = {
  // Kubernetes has no kinds of its own that other engines ignore: it is the engine when no other's kinds appear.
  kubernetes: { render: renderKubernetes, read: readKubernetes, ownKinds: [], lintChecks: KUBERNETES_LINT_CHECKS, schemas: KUBERNETES_SCHEMAS },
  // Calico labels namespaces and service accounts with their names (projectcalico.org/name).
  calico: { render: renderCalico, read: readCalico, ownKinds: CALICO_OWN_KINDS, implicitLabels: (name) => ({ [CALICO_NAME_LABEL]: name }), lintChecks: KUBERNETES_LINT_CHECKS, schemas: CALICO_SCHEMAS,
    // Calico 3.32 enforces ClusterNetworkPolicy (and ignores ANP/BANP); 3.29-3.31, ANP/BANP (DIALECTS.md §9.4).
    enforcesAlso: ['kubernetes-cnp', 'kubernetes-anp'] },
  cilium: { render: renderCilium, read: readCilium, ownKinds: CILIUM_KINDS, lintChecks: CILIUM_LINT_CHECKS, schemas: CILIUM_SCHEMAS },
  // The network-policy-api: NetworkPolicy between Admin and Baseline cluster policies (v1alpha2; v1alpha1 ANP/BANP).
  'kubernetes-cnp': { render: renderCnp, read: readCnp, ownKinds: CNP_KINDS, lintChecks: KUBERNETES_LINT_CHECKS, schemas: CNP_SCHEMAS },
  'kubernetes-anp': { render: renderAnp, read: readAnp, ownKinds: ANP_KINDS, lintChecks: KUBERNETES_LINT_CHECKS, schemas: ANP_SCHEMAS },
};

/** The dialect of a name; throws naming the valid names for an unknown one. */
export function dialectOf(name: string): Dialect {
  const dialect = DIALECTS[name as DialectName];
  if (!dialect) throw new Error(`unknown dialect "${name}": use one of ${Object.keys(DIALECTS).join(', ')}`);
  return dialect;
}

/** Every label an engine gives a namespace or service account of a name, whichever engine runs. */
export function implicitLabels(name: string): Labels {
  return Object.assign({}, ...Object.values(DIALECTS).map((dialect) => dialect.implicitLabels?.(name) ?? {}));
}
