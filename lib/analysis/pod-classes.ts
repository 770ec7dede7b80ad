import { NamespaceSelection } from '../model/peer';
import { LabelSelector, Labels, selectorMatches } from '../model/selector';
import { ContainerPort, Namespace, ServiceAccount, Workload, Workloads } from './workloads';

/** Which pods: those in namespaces matching every selection, with matching labels and service account. */
export interface PodMatcher {
  /** Namespace selections that must all match the pod's namespace. */
  readonly namespaces: readonly NamespaceSelection[];
  /** The pods' labels; absent means every pod. */
  readonly pods?: LabelSelector;
  /** Service accounts (names, a selector over their labels, or both); absent means any. */
  readonly accounts?: { readonly names?: readonly string[]; readonly selector?: LabelSelector };
}

/** Pods that every policy treats alike: the same matchers select them and their named ports resolve alike. */
export interface PodClass {
  /** The class's position in the list of classes. */
  readonly index: number;
  /** The pods' namespace. */
  readonly namespace: Namespace;
  /** The ports of the class's pods. */
  readonly ports: readonly ContainerPort[];
  /** The workloads in the class. */
  readonly workloads: readonly Workload[];
  /** The matchers (by id) that select the class. */
  readonly matches: ReadonlySet<number>;
  /** How the named ports policies use resolve on these pods, as text (equal for the whole class). */
  readonly portKey: string;
}

/** Whether a namespace selection matches a namespace (by name, by labels, or all). */
export function namespaceMatches(selection: NamespaceSelection, namespace: Namespace): boolean {
  if (selection === 'all') return true;
  if ('names' in selection) return selection.names.includes(namespace.name);
  return selectorMatches(selection.selector, namespace.labels);
}

interface PodGroup {
  readonly namespace: Namespace;
  readonly account: ServiceAccount;
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
  readonly workloads: Workload[];
}

/**
 * Groups workloads into classes: first those with identical labels, namespace, service account
 * and ports, then those that the same matchers select and whose named ports (of `portNames`)
 * resolve alike. Policies cannot tell two pods of a class apart, so the evaluation's cost grows
 * with the number of classes, not of pods.
 */
export function classifyPods(workloads: Workloads, matchers: readonly PodMatcher[], portNames: readonly string[]): PodClass[] {
  const groups = podGroups(workloads);
  const matchesOf = groups.map(() => [] as number[]);
  const byNamespace = new Map<string, number[]>();
  groups.forEach((group, index) => {
    const list = byNamespace.get(group.namespace.name);
    if (list) list.push(index);
    else byNamespace.set(group.namespace.name, [index]);
  });
  matchers.forEach((matcher, id) => {
    for (const namespace of workloads.namespaces) {
      if (!matcher.namespaces.every((selection) => namespaceMatches(selection, namespace))) continue;
      for (const index of byNamespace.get(namespace.name) ?? []) {
        const group = groups[index];
        if (matcher.pods && !selectorMatches(matcher.pods, group.labels)) continue;
        if (matcher.accounts && !accountMatches(matcher.accounts, group.account)) continue;
        matchesOf[index].push(id);
      }
    }
  });
  const classes = new Map<string, { group: PodGroup; matches: number[]; portKey: string; workloads: Workload[] }>();
  groups.forEach((group, index) => {
    const portKey = portNames.map((name) => {
      const port = group.ports.find((candidate) => candidate.name === name);
      return port ? `${port.protocol}/${port.port}` : '-';
    }).join(',');
    const key = `${group.namespace.name}|${matchesOf[index].join(',')}|${portKey}`;
    const known = classes.get(key);
    if (known) known.workloads.push(...group.workloads);
    else classes.set(key, { group, matches: matchesOf[index], portKey, workloads: [...group.workloads] });
  });
  return [...classes.values()].map(({ group, matches, portKey, workloads: members }, index) => ({
    index,
    namespace: group.namespace,
    ports: group.ports,
    workloads: members,
    matches: new Set(matches),
    portKey,
  }));
}

function accountMatches(accounts: NonNullable<PodMatcher['accounts']>, account: ServiceAccount): boolean {
  // Calico ANDs names and a selector given together; Cilium has only names.
  if (accounts.names && !accounts.names.includes(account.name)) return false;
  return !accounts.selector || selectorMatches(accounts.selector, account.labels);
}

function podGroups(workloads: Workloads): PodGroup[] {
  const namespaces = new Map(workloads.namespaces.map((namespace) => [namespace.name, namespace]));
  const accounts = new Map(workloads.serviceAccounts.map((account) => [`${account.namespace}/${account.name}`, account]));
  const groups = new Map<string, PodGroup>();
  for (const workload of workloads.workloads) {
    // Any pod's labels: the analysis checked that no selector tells a workload's pods apart.
    const [labels] = workload.labelSets;
    const key = JSON.stringify([workload.namespace, workload.serviceAccount, Object.entries(labels).sort(), workload.ports]);
    const known = groups.get(key);
    if (known) {
      known.workloads.push(workload);
      continue;
    }
    const namespace = namespaces.get(workload.namespace) as Namespace;
    groups.set(key, {
      namespace,
      account: accounts.get(`${workload.namespace}/${workload.serviceAccount}`) as ServiceAccount,
      labels,
      ports: workload.ports,
      workloads: [workload],
    });
  }
  return [...groups.values()];
}
