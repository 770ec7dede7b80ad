import * as ipaddr from 'ipaddr.js';
import { Manifest } from '../dialects/manifest';
import { NetpolError } from '../model/errors';
import { NAMESPACE_NAME_LABEL } from '../model/peer';
import { Labels } from '../model/selector';
import { parseOrThrow } from '../model/validate';
import { endpointSliceSchema, endpointsSchema, namedSchema, PodSource, WORKLOAD_KINDS } from './workload-schemas';
import { implicitLabels } from '../dialects';
import { SourcedManifest } from './manifests';
import { compareText } from './text-order';
import { unknownFields } from './unknown-fields';

/** A container port: the number a named port resolves to, and its protocol. */
export interface ContainerPort {
  /** The port's name, if it has one. */
  readonly name?: string;
  /** The port number. */
  readonly port: number;
  /** The protocol (the API's default is TCP). */
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
}

/** The pods of one workload, as netpol-analyzer groups them: one endpoint per owner. */
export interface Workload {
  /** `namespace/name[Kind]`, as netpol-analyzer prints workloads. */
  readonly id: string;
  /** The namespace. */
  readonly namespace: string;
  /** The owner's name, or the pod's when it has no controller. */
  readonly name: string;
  /** The owner's kind (Deployment, StatefulSet, ...), or Pod. */
  readonly kind: string;
  /** The pods' labels (only those every pod of the workload has alike). */
  readonly labels: Labels;
  /** Label keys whose values differ between the workload's pods. */
  readonly varyingLabels: readonly string[];
  /** The distinct label sets of its pods, in the order read: one when the pods are alike. */
  readonly labelSets: readonly Labels[];
  /** The service account the pods run as. */
  readonly serviceAccount: string;
  /** The containers' ports. */
  readonly ports: readonly ContainerPort[];
  /** Whether the pods use the node's network, where most CNIs do not enforce policy. */
  readonly hostNetwork: boolean;
}

/** A namespace and its labels, including those Kubernetes and Calico add. */
export interface Namespace {
  /** The name. */
  readonly name: string;
  /** Its labels, with `kubernetes.io/metadata.name` and Calico's `projectcalico.org/name` (on every namespace profile, DIALECTS.md §5.2) set to the name. */
  readonly labels: Labels;
}

/** A service account and its labels, including the one Calico adds. */
export interface ServiceAccount {
  /** The namespace. */
  readonly namespace: string;
  /** The name. */
  readonly name: string;
  /** Its labels, with `projectcalico.org/name` set to the name. */
  readonly labels: Labels;
}

/** What a cluster runs, as far as network policy cares. */
export interface Workloads {
  /** The workloads, sorted by id. */
  readonly workloads: readonly Workload[];
  /** Every namespace defined or used, sorted by name. */
  readonly namespaces: readonly Namespace[];
  /** Every service account defined or used, sorted by namespace and name. */
  readonly serviceAccounts: readonly ServiceAccount[];
  /** The API server's addresses as CIDRs, from the `kubernetes` Service's endpoints in `default` (empty when not given). */
  readonly apiServer: readonly string[];
  /** What reading skipped without changing any answer (a port entry without a number, ...), one line each, for stderr. */
  readonly notices: readonly string[];
}

function groupOf(manifest: Manifest): string {
  const slash = manifest.apiVersion.indexOf('/');
  return slash < 0 ? '' : manifest.apiVersion.slice(0, slash);
}

function isKind(manifest: Manifest, kind: string, groups: readonly string[]): boolean {
  return manifest.kind === kind && groups.includes(groupOf(manifest));
}

/**
 * The workloads, namespaces and service accounts among manifests; Services, policies and other
 * kinds are ignored. Pods owned by a controller (`controller: true`) count as their owner, as
 * netpol-analyzer counts them, so a controller given with its pods counts once.
 */
export function readWorkloads(manifests: readonly SourcedManifest[]): Workloads {
  const workloads = new Map<string, Workload>();
  const namespaceLabels = new Map<string, Labels>();
  const accountLabels = new Map<string, Labels>();
  const apiServer = new Set<string>();
  const notices: string[] = [];
  const unknown = new Map<string, string>();
  const used = (namespace: string) => namespaceLabels.has(namespace) || namespaceLabels.set(namespace, {});
  // A namespace or service account given twice with other labels (a folder and a dump of the
  // cluster, say): a cluster holds one, and policies select by its labels. The later is read, and
  // said so, as kubectl apply of both would leave it.
  const defined = new Map<string, { labels: Labels; source: string }>();
  const labelled = (object: string, labels: Labels, source: string) => {
    const first = defined.get(object);
    if (first !== undefined && !sameLabels(first.labels, labels)) notices.push(`${object} is given twice with other labels (in ${first.source}, then in ${source}): the later labels are used`);
    defined.set(object, { labels, source });
  };
  const usedAccount = (namespace: string, name: string) => accountLabels.has(`${namespace}/${name}`) || accountLabels.set(`${namespace}/${name}`, {});
  for (const { manifest, source } of manifests) {
    const namespace = manifest.metadata?.namespace ?? 'default';
    const kind = Object.entries(WORKLOAD_KINDS).find(([name, { groups }]) => isKind(manifest, name, groups));
    const pod = kind?.[1].read(manifest, source);
    if (kind || isKind(manifest, 'Namespace', [''])) {
      for (const field of unknownFields(manifest, pod)) if (!unknown.has(field)) unknown.set(field, source);
    }
    if (pod) {
      const workload = workloadOf(manifest, pod, namespace, source, notices);
      workloads.set(workload.id, merge(workloads.get(workload.id), workload, source));
      used(namespace);
      usedAccount(namespace, workload.serviceAccount);
    } else if (isKind(manifest, 'Namespace', [''])) {
      const { metadata } = parseOrThrow(namedSchema, manifest, source);
      // The labels the API server or the engine adds are the same on both: a dump has them, a file need not.
      labelled(`Namespace ${metadata.name}`, { ...metadata.labels, ...implicitLabels(metadata.name), [NAMESPACE_NAME_LABEL]: metadata.name }, source);
      namespaceLabels.set(metadata.name, metadata.labels ?? {});
    } else if (isKind(manifest, 'ServiceAccount', [''])) {
      const { metadata } = parseOrThrow(namedSchema, manifest, source);
      labelled(`ServiceAccount ${namespace}/${metadata.name}`, { ...metadata.labels, ...implicitLabels(metadata.name) }, source);
      accountLabels.set(`${namespace}/${metadata.name}`, metadata.labels ?? {});
      used(namespace);
    } else if (namespace === 'default' && isKind(manifest, 'EndpointSlice', ['discovery.k8s.io']) && manifest.metadata.labels?.['kubernetes.io/service-name'] === 'kubernetes') {
      const slice = parseOrThrow(endpointSliceSchema, manifest, source);
      (slice.endpoints ?? []).flatMap((endpoint) => endpoint.addresses).forEach((address) => apiServer.add(hostCidr(address, source)));
    } else if (namespace === 'default' && isKind(manifest, 'Endpoints', ['']) && manifest.metadata.name === 'kubernetes') {
      const endpoints = parseOrThrow(endpointsSchema, manifest, source);
      (endpoints.subsets ?? []).flatMap((subset) => subset.addresses ?? []).forEach(({ ip }) => apiServer.add(hostCidr(ip, source)));
    }
  }
  return {
    workloads: [...workloads.values()].sort((a, b) => compareText(a.id, b.id)),
    namespaces: [...namespaceLabels.entries()]
      .map(([name, labels]) => ({ name, labels: { ...labels, ...implicitLabels(name), [NAMESPACE_NAME_LABEL]: name } }))
      .sort((a, b) => compareText(a.name, b.name)),
    serviceAccounts: [...accountLabels.entries()]
      .map(([key, labels]) => {
        const [namespace, name] = key.split('/');
        return { namespace, name, labels: { ...labels, ...implicitLabels(name) } };
      })
      .sort((a, b) => compareText(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`)),
    apiServer: [...apiServer].sort(),
    notices: [...notices, ...[...unknown].map(([field, source]) => `unknown field ${field} (first in ${source}): ignored`)],
  };
}

function workloadOf(manifest: Manifest, { metadata, template }: PodSource, namespace: string, source: string, notices: string[]): Workload {
  // netpol-analyzer: a pod's controller owner names it, unless the owner is a Node (a static pod's mirror).
  const owner = manifest.kind === 'Pod' ? metadata.ownerReferences?.find((reference) => reference.controller === true && reference.kind !== 'Node') : undefined;
  const name = owner?.name ?? metadata.name;
  const kind = owner ? owner.kind || 'Pod' : manifest.kind; // netpol-analyzer: an owner without kind is a Pod
  const spec = template.spec;
  return {
    id: `${namespace}/${name}[${kind}]`,
    namespace,
    name,
    kind,
    labels: { ...(template.metadata?.labels ?? {}) },
    varyingLabels: [],
    labelSets: [{ ...(template.metadata?.labels ?? {}) }],
    serviceAccount: spec.serviceAccountName ?? spec.serviceAccount ?? 'default',
    ports: spec.containers.flatMap((container, index) =>
      (container.ports ?? []).flatMap((port, portIndex) => {
        if (port.containerPort === undefined) {
          notices.push(`${source}: containers[${index}].ports[${portIndex}] has no containerPort: skipped (a policy naming its port${port.name ? ` "${port.name}"` : ''} does not match it)`);
          return [];
        }
        return [{ ...(port.name !== undefined && { name: port.name }), port: port.containerPort, protocol: port.protocol ?? 'TCP' }];
      }),
    ),
    hostNetwork: spec.hostNetwork === true,
  };
}

// Pods of one owner are one workload; labels that differ between them are set aside (as
// netpol-analyzer does), with each pod's labels kept for the analysis, which refuses a policy
// selecting on one of them that tells the pods apart.
function merge(known: Workload | undefined, added: Workload, source: string): Workload {
  if (!known) return added;
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (known.serviceAccount !== added.serviceAccount || !same(known.ports, added.ports) || known.hostNetwork !== added.hostNetwork) {
    throw new NetpolError([{ where: source, field: '', message: `pods of ${known.id} differ in service account, ports or host network: a workload's pods must be alike` }]);
  }
  const keys = new Set([...Object.keys(known.labels), ...Object.keys(added.labels), ...known.varyingLabels]);
  const varying = [...keys].filter((key) => known.varyingLabels.includes(key) || known.labels[key] !== added.labels[key]).sort();
  const labels = Object.fromEntries(Object.entries(known.labels).filter(([key]) => !varying.includes(key)));
  const labelSets = known.labelSets.some((set) => same(set, added.labels)) ? known.labelSets : [...known.labelSets, added.labels];
  return { ...known, labels, varyingLabels: varying, labelSets };
}

function hostCidr(address: string, where: string): string {
  if (!ipaddr.isValid(address)) throw new NetpolError([{ where, field: 'addresses', message: `"${address}" is not an IP address` }]);
  const parsed = ipaddr.parse(address);
  return parsed.kind() === 'ipv4' ? `${parsed.toString()}/32` : `${(parsed as ipaddr.IPv6).toRFC5952String()}/128`;
}

function sameLabels(a: Labels, b: Labels): boolean {
  return Object.keys(a).length === Object.keys(b).length && Object.entries(a).every(([key, value]) => b[key] === value);
}
