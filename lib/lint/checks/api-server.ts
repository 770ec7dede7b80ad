import { namespaceMatches } from '../../analysis/pod-classes';
import { implicitLabels } from '../../dialects';
import { NAMESPACE_NAME_LABEL, Peer } from '../../model/peer';
import { selectorMatches, selectsEverything } from '../../model/selector';
import { IntentCheck, eachRule, ruleName, rulePortsInclude } from './check';

const KUBE_SYSTEM = { name: 'kube-system', labels: { ...implicitLabels('kube-system'), [NAMESPACE_NAME_LABEL]: 'kube-system' } };
// The labels kubeadm gives the API server's static pods.
const API_SERVER_POD = { component: 'kube-apiserver', tier: 'control-plane' };
const API_PORTS = [443, 6443];

// A peer meaning "the kube-system pods" or "the API server's pods": kube-system by name or labels, not 'all'.
function kubeSystemPeer(peer: Peer): boolean {
  if (peer.kind !== 'pods' && peer.kind !== 'namespaces') return false;
  if (peer.namespaces === undefined || peer.namespaces === 'all' || !namespaceMatches(peer.namespaces, KUBE_SYSTEM)) return false;
  return peer.kind === 'namespaces' || selectsEverything(peer.pods) || selectorMatches(peer.pods, API_SERVER_POD);
}

/** The API server reached as "kube-system pods on 443". */
export const API_SERVER_AS_PODS: IntentCheck = {
  id: 'api-server-as-pods',
  severity: 'warning',
  summary: 'the API server reached as kube-system pods on 443',
  why: "the API server is not a pod on the pod network (it runs on the control-plane hosts or outside the cluster): a rule to kube-system pods does not reach it, so clients' calls fail",
  fix: "allow the API server's addresses (the kubernetes Service's endpoints) as a CIDR, or Cilium's kube-apiserver entity: the AllowApiServer pattern",
  run: (context) =>
    eachRule(context).flatMap(({ policy, rule }) => {
      if (rule.direction !== 'egress' || rule.action !== 'allow' || rule.ports.length === 0) return [];
      if (!API_PORTS.some((port) => rulePortsInclude(rule, 'TCP', port)) || !rule.peers.some(kubeSystemPeer)) return [];
      return [{ policy, message: `${ruleName(policy, rule)} allows kube-system pods on ${API_PORTS.filter((port) => rulePortsInclude(rule, 'TCP', port)).join(', ')}, which is not the API server` }];
    }),
};
