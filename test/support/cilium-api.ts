// The checks the Cilium CRD schema does not make but the API server or the agent does (SOURCES.md;
// cilium/cilium pkg/policy/api/rule_validation.go): metadata, selector syntax, one L3 peer kind
// per rule, icmps without toPorts, port syntax and ranges, at most 40 ports or ICMP types, L7
// rules on TCP only (DNS: TCP/UDP) and never on port 0, DNS rules on egress without ranges.
import { parseCidr, strictlyInside } from '../../lib/model/cidr';
import { dnsLabelProblem, dnsSubdomainProblem, labelKeyProblem, portNameProblem } from '../../lib/model/names';
import { crdValidator, schemaErrors } from './schemas';

const L3_FIELDS = ['Endpoints', 'CIDR', 'CIDRSet', 'Entities', 'Services', 'FQDNs', 'Groups', 'Nodes'];

/** Every error a Cilium policy has: against its CRD (unknown fields rejected), then the checks below. */
export function ciliumErrors(policy: any): string[] {
  const file = policy.kind === 'CiliumClusterwideNetworkPolicy' ? 'ciliumclusterwidenetworkpolicies' : 'ciliumnetworkpolicies';
  return [...schemaErrors(crdValidator(`cilium/${file}.yaml`, 'v2'), policy), ...ciliumPolicyErrors(policy)];
}

export function ciliumPolicyErrors(policy: any): string[] {
  const errors: string[] = [];
  const fail = (where: string, message: string) => errors.push(`${where}: ${message}`);
  const check = (problem: string | undefined, where: string) => problem && fail(where, problem);
  const clusterwide = policy.kind === 'CiliumClusterwideNetworkPolicy';
  if (policy.apiVersion !== 'cilium.io/v2' || !['CiliumNetworkPolicy', 'CiliumClusterwideNetworkPolicy'].includes(policy.kind)) fail('kind', `${policy.apiVersion} ${policy.kind}`);
  check(dnsSubdomainProblem(policy.metadata?.name ?? ''), 'metadata.name');
  if (clusterwide && policy.metadata?.namespace !== undefined) fail('metadata.namespace', 'a cluster-wide policy has none');
  if (!clusterwide) check(dnsLabelProblem(policy.metadata?.namespace ?? ''), 'metadata.namespace');
  const spec = policy.spec ?? {};
  if (!clusterwide && spec.nodeSelector) fail('spec.nodeSelector', 'only in a CCNP');
  selectorErrors(spec.endpointSelector, 'spec.endpointSelector', fail);
  for (const section of ['ingress', 'ingressDeny', 'egress', 'egressDeny']) {
    const ingress = section.startsWith('ingress');
    (spec[section] ?? []).forEach((rule: any, index: number) => {
      const at = `spec.${section}[${index}]`;
      const prefix = ingress ? 'from' : 'to';
      const kinds = L3_FIELDS.filter((kind) => (rule[`${prefix}${kind}`] ?? []).length > 0);
      if (kinds.length > 1) fail(at, `mixes ${kinds.join(' and ')}`);
      if ((rule.icmps ?? []).length > 0 && (rule.toPorts ?? []).length > 0) fail(at, 'icmps with toPorts');
      (rule[`${prefix}Endpoints`] ?? []).forEach((selector: any, i: number) => selectorErrors(selector, `${at}.${prefix}Endpoints[${i}]`, fail));
      for (const cidrRule of rule[`${prefix}CIDRSet`] ?? []) {
        const outer = parseCidr(cidrRule.cidr);
        if (typeof outer === 'string') fail(at, outer);
        for (const except of cidrRule.except ?? []) {
          const inner = parseCidr(except);
          if (typeof outer === 'string' || typeof inner === 'string' || !strictlyInside(inner, outer)) fail(at, `except ${except} outside ${cidrRule.cidr}`);
        }
      }
      for (const icmp of rule.icmps ?? []) {
        if ((icmp.fields ?? []).length > 40) fail(at, 'more than 40 ICMP types');
      }
      (rule.toPorts ?? []).forEach((portRule: any, i: number) => portRuleErrors(portRule, `${at}.toPorts[${i}]`, ingress, fail));
    });
  }
  return errors;
}

function portRuleErrors(portRule: any, at: string, ingress: boolean, fail: (where: string, message: string) => void): void {
  const ports: any[] = portRule.ports ?? [];
  const rules = portRule.rules ?? {};
  if (ports.length > 40) fail(at, 'more than 40 ports');
  for (const port of ports) {
    const text = String(port.port ?? '');
    const numeric = /^(0|[1-9]\d*)$/.test(text);
    if (numeric && Number(text) > 65535) fail(at, `port ${text}`);
    if (!numeric) {
      const problem = portNameProblem(text.toLowerCase());
      if (problem) fail(at, problem);
    }
    if (port.endPort !== undefined && (!numeric || port.endPort < Number(text) || port.endPort > 65535)) fail(at, `endPort ${port.endPort} for port ${text}`);
    if (rules.http && port.protocol !== 'TCP') fail(at, 'HTTP rules on a port that is not TCP');
    if (rules.dns && !['TCP', 'UDP', 'ANY', undefined].includes(port.protocol)) fail(at, `DNS rules on ${port.protocol}`);
    if (rules.dns && port.endPort !== undefined) fail(at, 'DNS rules on a port range');
    if ((rules.http || rules.dns) && numeric && Number(text) === 0) fail(at, 'L7 rules on port 0');
  }
  if (rules.dns && ingress) fail(at, 'DNS rules on ingress');
  if (rules.dns && ports.length === 0) fail(at, 'DNS rules need ports');
  if ([rules.http, rules.dns, rules.kafka, rules.l7proto].filter((kind) => kind !== undefined).length > 1) fail(at, 'more than one L7 protocol');
}

function selectorErrors(selector: any, where: string, fail: (where: string, message: string) => void): void {
  const keyProblem = (key: string) => labelKeyProblem(key.includes(':') ? key.slice(key.indexOf(':') + 1) : key);
  for (const key of Object.keys(selector?.matchLabels ?? {})) {
    const problem = keyProblem(key);
    if (problem) fail(where, problem);
  }
  for (const expression of selector?.matchExpressions ?? []) {
    const problem = keyProblem(expression.key);
    if (problem) fail(where, problem);
    const needsValues = expression.operator === 'In' || expression.operator === 'NotIn';
    if (needsValues !== (expression.values?.length > 0)) fail(where, `values do not fit operator ${expression.operator}`);
  }
}
