// Every pattern in the Calico dialect: a readable snapshot, objects Calico accepts, and the same
// meaning as the pattern's Kubernetes form (both read back into intents and compared).
import { describe, expect, it } from 'vitest';
import { AllowDns, CrossNamespace, DefaultDeny, Port } from '../../../lib';
import { readCalico } from '../../../lib/dialects/calico/read';
import { readKubernetes } from '../../../lib/dialects/kubernetes/read';
import { calicoApiErrors } from '../../support/calico-api';
import { intentMeaning } from '../../support/meaning';
import { PATTERN_CASES } from '../../support/pattern-cases';
import { synthManifests, toYaml } from '../../support/synth';

const synth = (build: Parameters<typeof synthManifests>[1]) => synthManifests('calico', build) as any[];
const POD = "projectcalico.org/orchestrator == 'k8s'";

describe.each(PATTERN_CASES)('pattern $name (calico)', ({ name, build }) => {
  it('matches its snapshot', async () => {
    await expect(toYaml(synth(build))).toMatchFileSnapshot(`__snapshots__/patterns/${name}.yaml`);
  });

  it('writes objects Calico accepts (CRD schema, CEL rules, Calico validator)', () => {
    for (const manifest of synth(build)) expect(calicoApiErrors(manifest)).toEqual([]);
  });

  it('means what its Kubernetes form means', () => {
    const kubernetes = readKubernetes(synthManifests('kubernetes', build));
    const calico = readCalico(synthManifests('calico', build));
    expect(calico.notAnalysed).toEqual([]);
    expect(calico.intents.map((intent) => intent.name)).toEqual(kubernetes.intents.map((intent) => intent.name));
    expect(calico.intents.map(intentMeaning)).toEqual(kubernetes.intents.map(intentMeaning));
  });
});

describe('what the patterns say in Calico', () => {
  it('DefaultDeny isolates every pod of the namespace both ways with no rules (the end-of-tier deny)', () => {
    const [policy] = synth((chart) => new DefaultDeny(chart, 'DefaultDeny'));
    expect(policy.spec).toEqual({ tier: 'default', selector: 'all()', types: ['Ingress', 'Egress'] });
  });

  it('AllowDns allows UDP and TCP 53, one rule each, to kube-dns pods in kube-system', () => {
    const [policy] = synth((chart) => new AllowDns(chart, 'AllowDns'));
    const destination = { namespaceSelector: "projectcalico.org/name == 'kube-system'", selector: `${POD} && k8s-app == 'kube-dns'`, ports: [53] };
    expect(policy.spec.types).toEqual(['Egress']);
    expect(policy.spec.egress.map(({ metadata, ...rule }: any) => rule)).toEqual([
      { action: 'Allow', protocol: 'UDP', destination },
      { action: 'Allow', protocol: 'TCP', destination },
    ]);
  });

  it('CrossNamespace writes the egress side in the client namespace and the ingress side in the server namespace', () => {
    const manifests = synth((chart) => new CrossNamespace(chart, 'ApiToPayments', {
      client: { namespace: 'api', select: { app: 'api' } },
      server: { namespace: 'payments', select: { app: 'payment-service' } },
      ports: [Port.tcp(8080)],
      dns: false,
    }));
    expect(manifests.map((manifest) => [manifest.metadata.namespace, manifest.spec.types])).toEqual([['api', ['Egress']], ['payments', ['Ingress']]]);
    expect(manifests[0].spec.egress).toEqual([
      { action: 'Allow', protocol: 'TCP', destination: { selector: `${POD} && app == 'payment-service'`, namespaceSelector: "projectcalico.org/name == 'payments'", ports: [8080] } },
    ]);
    expect(manifests[1].spec.ingress).toEqual([
      { action: 'Allow', protocol: 'TCP', source: { selector: `${POD} && app == 'api'`, namespaceSelector: "projectcalico.org/name == 'api'" }, destination: { ports: [8080] } },
    ]);
  });
});
