import { PolicyAnalysis } from '../../analysis/analysis';
import { PodClass } from '../../analysis/pod-classes';
import { Rule } from '../../model/rule';
import { LintPolicy } from '../context';

/** The classes of pods a policy's subject selects. */
export function subjectClasses(analysis: PolicyAnalysis, policy: LintPolicy): PodClass[] {
  return analysis.subjectClasses(policy.position).map((index) => analysis.classes[index]);
}

/** The classes of pods one peer of a rule selects (none for a peer that is not pods). */
export function peerClasses(analysis: PolicyAnalysis, policy: LintPolicy, rule: Rule, peerIndex: number): PodClass[] {
  const ordered = { intent: policy.intent, position: policy.position, isolates: false, rules: [] };
  const ref = { rule, index: policy.intent.rules.indexOf(rule) };
  // A pod-selecting peer's classes are indexed; others (entities) are tested class by class.
  const matcher = analysis.podMatcherOf(ordered, ref, peerIndex);
  if (matcher !== undefined) return analysis.classesMatching(matcher).map((index) => analysis.classes[index]);
  return analysis.classes.filter((podClass) => analysis.peerMatches(ordered, ref, peerIndex, { kind: 'class', podClass }));
}

/** The pods a rule's ports are on: the subject's for ingress, the peers' for egress (every pod when the rule names no peer). */
export function destinationClasses(analysis: PolicyAnalysis, policy: LintPolicy, rule: Rule): PodClass[] {
  if (rule.direction === 'ingress') return subjectClasses(analysis, policy);
  if (rule.peers.length === 0) return [...analysis.classes];
  const found = new Set(rule.peers.flatMap((_, index) => peerClasses(analysis, policy, rule, index)));
  return analysis.classes.filter((podClass) => found.has(podClass));
}

/** The workloads of some classes, as names for messages (at most three, then a count). */
export function workloadNames(classes: readonly PodClass[]): string {
  const names = classes.flatMap((podClass) => podClass.workloads.map((workload) => workload.id)).sort();
  return names.length <= 3 ? names.join(', ') : `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}
