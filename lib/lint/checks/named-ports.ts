import { ContainerPort } from '../../analysis/workloads';
import { LintContext, LintPolicy } from '../context';
import { IntentCheck, RawFinding, eachRule, ruleName } from './check';
import { destinationClasses } from './selected';
import { PodClass } from '../../analysis/pod-classes';
import { Rule } from '../../model/rule';

type Kind = 'undefined' | 'protocol' | 'ambiguous';

// Each named port of each rule, with the pods it resolves on and what is wrong with it there.
function namedPortProblems(context: LintContext, wanted: Kind): RawFinding[] {
  const { analysis } = context;
  if (!analysis) return [];
  return eachRule(context).flatMap(({ policy, rule }) => {
    const named = rule.ports.filter((port) => typeof port.port === 'string');
    if (named.length === 0) return [];
    const classes = destinationClasses(analysis, policy, rule);
    if (classes.length === 0) return [];
    return named.flatMap((port) => {
      const message = problemOf(policy, rule, port.port as string, port.protocol, classes, wanted);
      return message ? [{ policy, message }] : [];
    });
  });
}

function problemOf(policy: LintPolicy, rule: Rule, name: string, protocol: string, classes: readonly PodClass[], wanted: Kind): string | undefined {
  const defined = (podClass: PodClass) => podClass.ports.filter((port) => port.name === name);
  const all: ContainerPort[] = classes.flatMap(defined);
  const where = `${ruleName(policy, rule)}, port ${protocol}/${name}`;
  if (wanted === 'undefined') return all.length === 0 ? `${where}: no selected pod defines a port "${name}"` : undefined;
  if (wanted === 'protocol') {
    const others = [...new Set(all.map((port) => port.protocol))].sort();
    return all.length > 0 && !others.includes(protocol as ContainerPort['protocol']) ? `${where}: the selected pods define "${name}" only as ${others.join(', ')}` : undefined;
  }
  // An ingress rule's name resolves on each subject pod alone; an egress rule's across the destinations (cilium#30003).
  const groups = rule.direction === 'ingress' ? classes.map((podClass) => defined(podClass)) : [all];
  const numbers = groups.map((ports) => [...new Set(ports.filter((port) => port.protocol === protocol).map((port) => port.port))].sort((a, b) => a - b)).find((found) => found.length > 1);
  return numbers ? `${where}: the selected pods give "${name}" different numbers (${numbers.join(', ')})` : undefined;
}

/** A named port no selected pod defines. */
export const NAMED_PORT_UNDEFINED: IntentCheck = {
  id: 'named-port-undefined',
  severity: 'warning',
  summary: 'a named port no selected pod defines',
  why: 'a named port matches only pods with a container port of that name: with none, the rule matches nothing',
  fix: 'use the name the containers give the port (or its number)',
  run: (context) => namedPortProblems(context, 'undefined'),
};

/** A named port the selected pods define with another protocol. */
export const NAMED_PORT_PROTOCOL: IntentCheck = {
  id: 'named-port-protocol',
  severity: 'warning',
  summary: 'a named port the selected pods define with another protocol',
  why: "a named port matches a container port of that name and the rule's protocol: on another protocol it matches nothing",
  fix: "give the rule the protocol of the pods' port, or correct the container port's protocol",
  run: (context) => namedPortProblems(context, 'protocol'),
};

/** A named port the selected pods give different numbers. */
export const NAMED_PORT_AMBIGUOUS: IntentCheck = {
  id: 'named-port-ambiguous',
  severity: 'warning',
  summary: 'a named port with different numbers on different pods or containers',
  why: 'an egress rule resolves the name across its destinations, where Cilium drops the traffic when they differ (cilium/cilium#30003); two containers of one pod with one name leave the choice to the engine',
  fix: 'give each port name one number across the pods a rule selects, or write the numbers',
  run: (context) => namedPortProblems(context, 'ambiguous'),
};
