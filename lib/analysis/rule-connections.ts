import { Port } from '../model/port';
import { Rule } from '../model/rule';
import { ConnectionSet } from './connection-set';
import { ContainerPort } from './workloads';

/**
 * The connections a port matches toward a destination. A named port matches the destination
 * pod's container port of that name and protocol (Kubernetes: "a named port on a pod"); toward
 * anything but a pod, or a pod without it, or with it on another protocol, it matches nothing.
 */
export function portConnections(port: Port, destinationPorts: readonly ContainerPort[] | undefined): ConnectionSet {
  if (typeof port.port !== 'string') return ConnectionSet.ofPort(port);
  // As netpol-analyzer's ConvertPodNamedPort: the first container port of that name decides.
  const named = destinationPorts?.find((candidate) => candidate.name === port.port);
  if (!named || named.protocol !== port.protocol) return ConnectionSet.EMPTY;
  return ConnectionSet.of(port.protocol, [[named.port, named.port]]);
}

/** The connections a rule's ports match toward a destination (no ports: every connection), less its exceptPorts. */
export function ruleConnections(rule: Rule, destinationPorts: readonly ContainerPort[] | undefined): ConnectionSet {
  const union = (ports: readonly Port[]) => ports.reduce((set, port) => set.union(portConnections(port, destinationPorts)), ConnectionSet.EMPTY);
  const matched = rule.ports.length === 0 ? ConnectionSet.ALL : union(rule.ports);
  return rule.exceptPorts ? matched.subtract(union(rule.exceptPorts)) : matched;
}

/** Whether a rule has named ports, or exceptPorts (whose meaning depends on the destination pod). */
export function hasNamedPorts(rule: Rule): boolean {
  return [...rule.ports, ...(rule.exceptPorts ?? [])].some((port) => typeof port.port === 'string');
}
