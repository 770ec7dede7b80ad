// The API server's semantic checks of a NetworkPolicy that the JSON schema does not encode
// (kubernetes pkg/apis/networking/validation/validation.go; SOURCES.md lists them).
import { parseCidr, strictlyInside } from '../../lib/model/cidr';
import { dnsLabelProblem, dnsSubdomainProblem, labelKeyProblem, labelValueProblem, portNameProblem } from '../../lib/model/names';

export function networkPolicyApiErrors(policy: any): string[] {
  const errors: string[] = [];
  const check = (problem: string | undefined, where: string) => problem && errors.push(`${where}: ${problem}`);
  check(dnsSubdomainProblem(policy.metadata?.name ?? ''), 'metadata.name');
  check(dnsLabelProblem(policy.metadata?.namespace ?? ''), 'metadata.namespace');
  const selector = (value: any, where: string) => {
    for (const [key, label] of Object.entries(value?.matchLabels ?? {})) {
      check(labelKeyProblem(key), where);
      check(labelValueProblem(label as string), where);
    }
    for (const expression of value?.matchExpressions ?? []) {
      check(labelKeyProblem(expression.key), where);
      const needsValues = expression.operator === 'In' || expression.operator === 'NotIn';
      if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(expression.operator)) errors.push(`${where}: operator ${expression.operator}`);
      if (needsValues !== (expression.values?.length > 0)) errors.push(`${where}: values do not fit operator ${expression.operator}`);
    }
  };
  const spec = policy.spec ?? {};
  selector(spec.podSelector, 'spec.podSelector');
  for (const type of spec.policyTypes ?? []) if (!['Ingress', 'Egress'].includes(type)) errors.push(`spec.policyTypes: ${type}`);
  for (const direction of ['ingress', 'egress']) {
    (spec[direction] ?? []).forEach((rule: any, index: number) => {
      const at = `spec.${direction}[${index}]`;
      for (const peer of rule[direction === 'ingress' ? 'from' : 'to'] ?? []) {
        if (!peer.podSelector && !peer.namespaceSelector && !peer.ipBlock) errors.push(`${at}: a peer needs a field`);
        if (peer.ipBlock && (peer.podSelector || peer.namespaceSelector)) errors.push(`${at}: ipBlock excludes selectors`);
        selector(peer.podSelector, `${at}.podSelector`);
        selector(peer.namespaceSelector, `${at}.namespaceSelector`);
        if (peer.ipBlock) {
          const outer = parseCidr(peer.ipBlock.cidr);
          if (typeof outer === 'string') errors.push(`${at}.ipBlock.cidr: ${outer}`);
          for (const except of peer.ipBlock.except ?? []) {
            const inner = parseCidr(except);
            if (typeof inner === 'string' || typeof outer === 'string' || !strictlyInside(inner, outer)) errors.push(`${at}.ipBlock.except: ${except}`);
          }
        }
      }
      for (const port of rule.ports ?? []) {
        if (!['TCP', 'UDP', 'SCTP', undefined].includes(port.protocol)) errors.push(`${at}.ports: protocol ${port.protocol}`);
        if (typeof port.port === 'number' && (port.port < 1 || port.port > 65535)) errors.push(`${at}.ports: port ${port.port}`);
        if (typeof port.port === 'string') check(portNameProblem(port.port), `${at}.ports`);
        if (port.endPort !== undefined && (typeof port.port !== 'number' || port.endPort < port.port || port.endPort > 65535)) errors.push(`${at}.ports: endPort ${port.endPort}`);
      }
    });
  }
  return errors;
}
