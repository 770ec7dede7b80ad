import { NamespaceSelection, Peer } from '../model/peer';
import { LabelSelector, selectsEverything } from '../model/selector';

/** A selector as `app=web, tier in (a, b), !legacy` ("every pod" for `{}`). */
export function selectorText(selector: LabelSelector, every = 'every pod'): string {
  if (selectsEverything(selector)) return every;
  const labels = Object.entries(selector.matchLabels ?? {}).map(([key, value]) => `${key}=${value}`);
  const expressions = (selector.matchExpressions ?? []).map(({ key, operator, values }) => {
    switch (operator) {
      case 'In': return `${key} in (${(values ?? []).join(', ')})`;
      case 'NotIn': return `${key} notin (${(values ?? []).join(', ')})`;
      case 'Exists': return key;
      case 'DoesNotExist': return `!${key}`;
    }
  });
  return [...labels, ...expressions].join(', ');
}

/** A namespace selection as messages say it. */
export function namespacesText(selection: NamespaceSelection | undefined): string {
  if (selection === undefined) return "the policy's namespace";
  if (selection === 'all') return 'every namespace';
  if ('names' in selection) return `namespace ${selection.names.join(', ')}`;
  return `namespaces ${selectorText(selection.selector, 'of any labels')}`;
}

/** A pod-selecting peer as messages say it, e.g. `pods app=web in namespaces team=a`. */
export function podPeerText(peer: Extract<Peer, { kind: 'pods' | 'namespaces' | 'serviceAccount' }>): string {
  switch (peer.kind) {
    case 'pods': return `pods ${selectorText(peer.pods, 'of any labels')} in ${namespacesText(peer.namespaces)}`;
    case 'namespaces': return `every pod in ${namespacesText(peer.namespaces)}`;
    case 'serviceAccount': return `pods of service accounts ${[...(peer.names ?? []), ...(peer.selector ? [selectorText(peer.selector, 'of any labels')] : [])].join(', ')} in ${namespacesText(peer.namespaces)}`;
  }
}
