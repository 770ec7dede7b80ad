import { SourcedManifest } from '../analysis/manifests';
import { readWorkloads, Workloads } from '../analysis/workloads';
import { PolicyIntent } from '../model/intent';
import { NAMESPACE_NAME_LABEL, NamespaceSelection, Peer } from '../model/peer';
import { hasPorts, Protocol } from '../model/port';
import { LabelSelector, Labels } from '../model/selector';

// A cluster made to tell policy sets apart (docs/adopt.md): for every selector of the policies,
// namespaces and pods that match it and ones that do not (each label value seen, another value, the
// key missing), every named port on its protocol, the service accounts named; external addresses
// need nothing here, as the evaluator cuts them at every CIDR edge of either side.

/** A value no selector of the input mentions, for "another value". */
const OTHER_VALUE = 'cover-other';

/** Where the pods a selector picks live: named namespaces, or every namespace ('anywhere'). */
type Where = readonly string[] | 'anywhere';

interface Collected {
  readonly namespaceNames: Set<string>;
  readonly namespaceSelectors: LabelSelector[];
  readonly podSelectors: { selector: LabelSelector; where: Where }[];
  readonly serviceAccounts: { names: readonly string[]; where: Where }[];
  readonly namedPorts: Map<string, Protocol>;
}

/** Workloads that exercise every selector, named port and service account of the policies. */
export function coverCluster(intents: readonly PolicyIntent[]): Workloads {
  const collected = collect(intents);
  const namespaceLabels = new Map<string, Labels>([...collected.namespaceNames].map((name) => [name, {}]));
  labelVariants(collected.namespaceSelectors).forEach((labels, index) => {
    const name = labels[NAMESPACE_NAME_LABEL];
    if (name === undefined) namespaceLabels.set(`cover-ns-${index}`, labels);
    else if (!namespaceLabels.has(name)) namespaceLabels.set(name, {});
  });
  const namespaces = [...namespaceLabels.keys()].sort();
  const ports = [...collected.namedPorts].map(([name, protocol], index) => ({ name, protocol, containerPort: 30000 + index }));
  const manifests: SourcedManifest[] = [...namespaceLabels].map(([name, labels]) => sourced({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } }));
  for (const namespace of namespaces) {
    const selectors = collected.podSelectors.filter(({ where }) => where === 'anywhere' || where.includes(namespace)).map(({ selector }) => selector);
    const accounts = ['default', ...collected.serviceAccounts.filter(({ where }) => where === 'anywhere' || where.includes(namespace)).flatMap(({ names }) => names)];
    const pods: { labels: Labels; account: string }[] = [
      ...labelVariants(selectors).map((labels) => ({ labels, account: 'default' })),
      ...[...new Set(accounts)].slice(1).map((account) => ({ labels: {}, account })),
    ];
    pods.forEach(({ labels, account }, index) => {
      manifests.push(sourced({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `cover-${index}`, namespace, labels },
        spec: { serviceAccountName: account, containers: [{ name: 'main', ports }] },
      }));
    });
  }
  return readWorkloads(manifests);
}

function sourced(manifest: object): SourcedManifest {
  return { manifest: manifest as SourcedManifest['manifest'], source: 'cover cluster' };
}

function collect(intents: readonly PolicyIntent[]): Collected {
  const collected: Collected = { namespaceNames: new Set(), namespaceSelectors: [], podSelectors: [], serviceAccounts: [], namedPorts: new Map() };
  const where = (selection: NamespaceSelection | undefined, own: string | undefined): Where => {
    if (selection === undefined) return own !== undefined ? [own] : 'anywhere';
    if (selection === 'all') return 'anywhere';
    if ('names' in selection) {
      selection.names.forEach((name) => collected.namespaceNames.add(name));
      return selection.names;
    }
    collected.namespaceSelectors.push(selection.selector);
    return 'anywhere';
  };
  for (const intent of intents) {
    const own = intent.scope === 'cluster' ? undefined : intent.scope.namespace;
    if (own !== undefined) collected.namespaceNames.add(own);
    collected.podSelectors.push({ selector: intent.subject.pods, where: where(intent.subject.namespaces, own) });
    for (const rule of intent.rules) {
      rule.peers.forEach((peer) => collectPeer(peer, own, where, collected));
      for (const port of rule.ports) {
        if (typeof port.port === 'string' && hasPorts(port.protocol) && !collected.namedPorts.has(port.port)) collected.namedPorts.set(port.port, port.protocol);
      }
    }
  }
  return collected;
}

function collectPeer(peer: Peer, own: string | undefined, where: (selection: NamespaceSelection | undefined, own: string | undefined) => Where, collected: Collected): void {
  if (peer.kind === 'pods') collected.podSelectors.push({ selector: peer.pods, where: where(peer.namespaces, own) });
  else if (peer.kind === 'namespaces') collected.podSelectors.push({ selector: {}, where: where(peer.namespaces, own) });
  else if (peer.kind === 'serviceAccount') {
    const places = where(peer.namespaces, own);
    if (peer.names) collected.serviceAccounts.push({ names: peer.names, where: places });
    if (peer.selector) collected.podSelectors.push({ selector: {}, where: places });
  }
}

/**
 * Label sets that tell the selectors apart: for each selector, labels it matches, and, for each key
 * it tests, the same with the key missing and with every other value seen for the key (and one
 * never seen); and no labels at all.
 */
export function labelVariants(selectors: readonly LabelSelector[]): Labels[] {
  const values = new Map<string, Set<string>>();
  const see = (key: string, value: string) => values.set(key, (values.get(key) ?? new Set()).add(value));
  for (const selector of selectors) {
    Object.entries(selector.matchLabels ?? {}).forEach(([key, value]) => see(key, value));
    (selector.matchExpressions ?? []).forEach((expression) => (expression.values ?? []).forEach((value) => see(expression.key, value)));
  }
  const textOf = (labels: Labels) => JSON.stringify(Object.entries(labels).sort());
  const variants = new Map<string, Labels>([[textOf({}), {}]]);
  const add = (labels: Labels) => variants.set(textOf(labels), labels);
  // A key's variants depend on the selector's other labels only: made once for each (a thousand
  // selectors of one key and a thousand values were a million variants to make, for a thousand).
  const varied = new Set<string>();
  for (const selector of selectors) {
    const matching = matchingLabels(selector);
    add(matching);
    for (const key of keysOf(selector)) {
      const { [key]: _dropped, ...without } = matching;
      const once = `${key}\n${textOf(without)}`;
      if (varied.has(once)) continue;
      varied.add(once);
      add(without);
      for (const value of [...(values.get(key) ?? []), OTHER_VALUE]) add({ ...without, [key]: value });
    }
  }
  return [...variants.values()];
}

function keysOf(selector: LabelSelector): string[] {
  return [...new Set([...Object.keys(selector.matchLabels ?? {}), ...(selector.matchExpressions ?? []).map((expression) => expression.key)])];
}

// Labels a selector matches: its labels, the first value of In, some value for Exists, and
// nothing for NotIn and DoesNotExist (which a missing key satisfies).
function matchingLabels(selector: LabelSelector): Record<string, string> {
  const labels: Record<string, string> = { ...(selector.matchLabels ?? {}) };
  for (const expression of selector.matchExpressions ?? []) {
    if (expression.operator === 'In') labels[expression.key] = (expression.values ?? [])[0];
    if (expression.operator === 'Exists') labels[expression.key] = OTHER_VALUE;
  }
  return labels;
}
