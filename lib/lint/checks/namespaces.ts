import { implicitLabels } from '../../dialects';
import { NamespaceSelection, NAMESPACE_NAME_LABEL } from '../../model/peer';
import { Rule } from '../../model/rule';
import { selectsEverything } from '../../model/selector';
import { LintPolicy } from '../context';
import { selectorText } from '../describe';
import { IntentCheck, RawFinding, eachRule, ruleName } from './check';

/** Pods selected by labels in every namespace. */
export const ANY_NAMESPACE_POD_SELECTOR: IntentCheck = {
  id: 'any-namespace-pod-selector',
  severity: 'warning',
  summary: 'namespaceSelector: {} with a podSelector',
  why: 'pods of any namespace match, so whoever can create a pod anywhere can give it the labels and get through',
  fix: 'name the namespaces the pods are in (kubernetes.io/metadata.name), or drop namespaceSelector for the policy\'s own namespace',
  run: (context) =>
    eachRule(context).flatMap(({ policy, rule }) =>
      rule.peers.flatMap((peer, index) =>
        peer.kind === 'pods' && peer.namespaces === 'all' && !selectsEverything(peer.pods)
          ? [{ policy, message: `${ruleName(policy, rule)}, peer ${index + 1}: pods ${selectorText(peer.pods)} in any namespace` }]
          : [],
      ),
    ),
};

// Labels only Kubernetes or the engine sets, from the namespace's name: nobody can put them on another namespace.
const NAME_LABEL_KEYS = new Set([NAMESPACE_NAME_LABEL, ...Object.keys(implicitLabels('x'))]);

function mutableKeys(selection: NamespaceSelection | undefined): string[] | undefined {
  if (selection === undefined || selection === 'all' || 'names' in selection) return undefined;
  const keys = [...Object.keys(selection.selector.matchLabels ?? {}), ...(selection.selector.matchExpressions ?? []).map((expression) => expression.key)];
  return keys.length === 0 || keys.some((key) => NAME_LABEL_KEYS.has(key)) ? undefined : keys;
}

function finding(policy: LintPolicy, where: string, keys: string[]): RawFinding {
  return { policy, message: `${where} selects namespaces by ${keys.map((key) => `"${key}"`).join(', ')} only` };
}

/** Namespaces selected by labels that anyone who may label a namespace can set. */
export const MUTABLE_NAMESPACE_LABEL: IntentCheck = {
  id: 'mutable-namespace-label',
  severity: 'info',
  summary: 'namespaces selected by a mutable label, without kubernetes.io/metadata.name',
  why: 'whoever may label a namespace can add the label to theirs and be selected; kubernetes.io/metadata.name is set by the API server from the name and cannot be forged',
  fix: 'select namespaces by kubernetes.io/metadata.name (Peer.namespaces with names), or add it to the selector',
  run: (context) => {
    const subjects = context.policies.flatMap((policy) => {
      const keys = mutableKeys(policy.intent.subject.namespaces);
      return keys ? [finding(policy, 'the subject', keys)] : [];
    });
    const peers = eachRule(context).flatMap(({ policy, rule }: { policy: LintPolicy; rule: Rule }) =>
      rule.peers.flatMap((peer, index) => {
        const keys = peer.kind === 'fqdn' || peer.kind === 'cidr' || peer.kind === 'entity' ? undefined : mutableKeys(peer.namespaces);
        return keys ? [finding(policy, `${ruleName(policy, rule)}, peer ${index + 1}`, keys)] : [];
      }),
    );
    return [...subjects, ...peers];
  },
};
