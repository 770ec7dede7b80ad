import { KUBERNETES_LINT_CHECKS } from '../kubernetes/lint';
import { isNetworkPolicy } from '../kubernetes/read';
import { ManifestCheck, ManifestProblem } from '../lint-check';
import { Manifest } from '../manifest';
import { isCiliumPolicy } from './kinds';

type Fields = Record<string, any>;

const isName = (port: unknown) => port !== undefined && !/^\d+$/.test(String(port));

// Named ports of a CNP's egress (and egressDeny) port rules, in `spec` and every `specs` entry.
function ciliumEgressNames(manifest: Manifest): ManifestProblem[] {
  const specs: [string, Fields][] = [['spec', manifest.spec as Fields], ...((manifest.specs as Fields[] | undefined) ?? []).map((spec, index): [string, Fields] => [`specs[${index}]`, spec])];
  return specs.filter(([, spec]) => spec).flatMap(([at, spec]) =>
    ['egress', 'egressDeny'].flatMap((section) =>
      ((spec[section] ?? []) as Fields[]).flatMap((rule, ruleIndex) =>
        ((rule?.toPorts ?? []) as Fields[]).flatMap((portRule, portRuleIndex) =>
          ((portRule?.ports ?? []) as Fields[]).flatMap((entry, entryIndex) =>
            isName(entry?.port)
              ? [{ field: `${at}.${section}[${ruleIndex}].toPorts[${portRuleIndex}].ports[${entryIndex}].port`, message: `egress rule ${ruleIndex + 1} names port "${entry.port}"` }]
              : [],
          ),
        ),
      ),
    ),
  );
}

function networkPolicyEgressNames(manifest: Manifest): ManifestProblem[] {
  return (((manifest.spec as Fields | undefined)?.egress ?? []) as Fields[]).flatMap((rule, ruleIndex) =>
    ((rule?.ports ?? []) as Fields[]).flatMap((entry, entryIndex) =>
      isName(entry?.port) ? [{ field: `spec.egress[${ruleIndex}].ports[${entryIndex}].port`, message: `egress rule ${ruleIndex + 1} names port "${entry.port}"` }] : [],
    ),
  );
}

/** Cilium resolves an egress named port across every endpoint it knows, not per destination (DIALECTS.md §8.19). */
export const CILIUM_EGRESS_NAMED_PORT: ManifestCheck = {
  id: 'cilium-egress-named-port',
  severity: 'warning',
  summary: 'a named port in an egress rule enforced by Cilium',
  why: 'Cilium looks an egress named port up across all endpoints, not on each destination pod: when pods give the name different numbers, the rule opens all of them (and the analysis leaves the policy out)',
  fix: 'write the port number instead of its name in egress rules',
  check: (manifest) => (isCiliumPolicy(manifest) ? ciliumEgressNames(manifest) : isNetworkPolicy(manifest) ? networkPolicyEgressNames(manifest) : []),
};

/** The checks of the YAML Cilium enforces: its own policies and Kubernetes NetworkPolicies. */
export const CILIUM_LINT_CHECKS: readonly ManifestCheck[] = [...KUBERNETES_LINT_CHECKS, CILIUM_EGRESS_NAMED_PORT];
