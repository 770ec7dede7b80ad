import { namespacesText, podPeerText, selectorText } from '../describe';
import { IntentCheck, eachRule, ruleName } from './check';
import { peerClasses, subjectClasses } from './selected';

/** A policy whose subject selects none of the given workloads. */
export const DANGLING_POLICY: IntentCheck = {
  id: 'dangling-policy',
  severity: 'warning',
  summary: 'a policy that selects no pod of the given workloads',
  why: 'the policy does nothing for these workloads: usually a typo in a label or namespace, or a workload renamed since',
  fix: "correct the subject's labels or namespace to those of the pods it is for, or remove the policy",
  run: ({ analysis, policies }) =>
    analysis ? policies.filter((policy) => subjectClasses(analysis, policy).length === 0).map((policy) => ({ policy, message: `the policy selects ${selectorText(policy.intent.subject.pods)} in ${policy.intent.scope === 'cluster' ? namespacesText(policy.intent.subject.namespaces ?? 'all') : `namespace ${policy.intent.scope.namespace}`}, and no given pod matches` })) : [],
};

/** A peer that selects none of the given workloads. */
export const DANGLING_PEER: IntentCheck = {
  id: 'dangling-peer',
  severity: 'warning',
  summary: 'a peer that selects no pod of the given workloads',
  why: 'the peer matches nothing, so its rule allows or denies less than it says: usually a typo in a label or namespace',
  fix: "correct the peer's labels or namespaces to those of the pods it means, or remove it",
  run: ({ analysis, ...context }) =>
    analysis
      ? eachRule({ analysis, ...context }).flatMap(({ policy, rule }) =>
          rule.peers.flatMap((peer, index) => {
            if (peer.kind !== 'pods' && peer.kind !== 'namespaces' && peer.kind !== 'serviceAccount') return [];
            if (peerClasses(analysis, policy, rule, index).length > 0) return [];
            return [{ policy, message: `${ruleName(policy, rule)}, peer ${index + 1} (${podPeerText(peer)}) matches no given pod` }];
          }),
        )
      : [],
};
