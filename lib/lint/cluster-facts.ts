// What lint reads from the Kubernetes objects beside the policies: Services (their ports and
// targetPorts), Nodes (pod and node ranges) and NodeLocal DNSCache (the addresses it listens on).
// Unknown fields pass; wrong types of the fields read are errors naming the field.
import * as ipaddr from 'ipaddr.js';
import { z } from 'zod';
import { SourcedManifest } from '../analysis/manifests';
import { NODE_LOCAL_DNS_ADDRESS } from '../constructs/dns';
import { Manifest } from '../dialects/manifest';
import { NetpolError } from '../model/errors';
import { parseCidr } from '../model/cidr';
import { Labels } from '../model/selector';
import { parseOrThrow } from '../model/validate';

/** A Service port: the port clients use, and the pods' port it forwards to. */
export interface ServicePort {
  /** The Service's own port. */
  readonly port: number;
  /** The pods' port: a number, or a container port's name. Absent in the Service means `port`. */
  readonly targetPort: number | string;
  /** The protocol (TCP by default). */
  readonly protocol: 'TCP' | 'UDP' | 'SCTP';
}

/** A Service that selects pods by labels. */
export interface Service {
  /** The namespace. */
  readonly namespace: string;
  /** The name. */
  readonly name: string;
  /** The pods it sends to. */
  readonly selector: Labels;
  /** Its ports. */
  readonly ports: readonly ServicePort[];
}

/** What the inputs show of the cluster beyond workloads. */
export interface ClusterFacts {
  /** Services with a selector. */
  readonly services: readonly Service[];
  /** The pods' address ranges (Nodes' podCIDRs, and those given). */
  readonly podRanges: readonly string[];
  /** The nodes' addresses and ranges (Nodes' InternalIP and ExternalIP, and those given). */
  readonly nodeRanges: readonly string[];
  /** The addresses NodeLocal DNSCache listens on; empty when the inputs do not show it. */
  readonly nodeLocalDns: readonly string[];
}

/** Facts the caller knows that the manifests may not show. */
export interface GivenFacts {
  /** The pods' address ranges (the cluster CIDR). @default none */
  readonly podRanges?: readonly string[];
  /** The nodes' addresses or ranges. @default none */
  readonly nodeRanges?: readonly string[];
  /** The addresses NodeLocal DNSCache listens on, when it runs. @default those a node-local-dns DaemonSet shows */
  readonly nodeLocalDns?: readonly string[];
}

const metadataSchema = z.looseObject({ name: z.string().min(1), namespace: z.string().optional(), labels: z.record(z.string(), z.string()).optional() });
const serviceSchema = z.looseObject({
  metadata: metadataSchema,
  spec: z
    .looseObject({
      selector: z.record(z.string(), z.string()).nullish(),
      ports: z.array(z.looseObject({ port: z.number().int(), targetPort: z.union([z.number().int(), z.string()]).optional(), protocol: z.enum(['TCP', 'UDP', 'SCTP']).optional() })).nullish(),
    })
    .optional(),
});
const nodeSchema = z.looseObject({
  metadata: metadataSchema,
  spec: z.looseObject({ podCIDR: z.string().optional(), podCIDRs: z.array(z.string()).nullish() }).optional(),
  status: z.looseObject({ addresses: z.array(z.looseObject({ type: z.string(), address: z.string() })).nullish() }).optional(),
});
const daemonSetSchema = z.looseObject({
  metadata: metadataSchema,
  spec: z.looseObject({
    template: z.looseObject({
      metadata: z.looseObject({ labels: z.record(z.string(), z.string()).optional() }).optional(),
      spec: z.looseObject({ containers: z.array(z.looseObject({ args: z.array(z.string()).nullish() })) }),
    }),
  }),
});

const NODE_LOCAL_DNS_LABEL = 'node-local-dns';

const isCore = (manifest: Manifest, kind: string) => manifest.apiVersion === 'v1' && manifest.kind === kind;

/** Reads the facts from the manifests, adding those given (each given range checked). */
export function readClusterFacts(manifests: readonly SourcedManifest[], given: GivenFacts = {}): ClusterFacts {
  const services: Service[] = [];
  const podRanges = (given.podRanges ?? []).map((text) => checkedRange(text, 'pod ranges'));
  const nodeRanges = (given.nodeRanges ?? []).map((text) => checkedRange(text, 'node ranges'));
  const shownDns: string[] = [];
  for (const { manifest, source } of manifests) {
    if (isCore(manifest, 'Service')) {
      const { metadata, spec } = parseOrThrow(serviceSchema, manifest, source);
      if (!spec?.selector || Object.keys(spec.selector).length === 0) continue;
      const ports = (spec.ports ?? []).map((port) => ({ port: port.port, targetPort: port.targetPort ?? port.port, protocol: port.protocol ?? 'TCP' }));
      services.push({ namespace: metadata.namespace ?? 'default', name: metadata.name, selector: spec.selector, ports });
    } else if (isCore(manifest, 'Node')) {
      const { spec, status } = parseOrThrow(nodeSchema, manifest, source);
      const ranges = spec?.podCIDRs && spec.podCIDRs.length > 0 ? spec.podCIDRs : spec?.podCIDR ? [spec.podCIDR] : [];
      podRanges.push(...ranges.map((text) => checkedRange(text, `${source}: spec.podCIDRs`)));
      const addresses = (status?.addresses ?? []).filter(({ type }) => type === 'InternalIP' || type === 'ExternalIP');
      nodeRanges.push(...addresses.map(({ address }) => hostRange(address, `${source}: status.addresses`)));
    } else if (manifest.kind === 'DaemonSet' && manifest.apiVersion === 'apps/v1' && isNodeLocalDns(manifest)) {
      shownDns.push(...nodeLocalAddresses(parseOrThrow(daemonSetSchema, manifest, source)));
    }
  }
  const nodeLocalDns = given.nodeLocalDns ? given.nodeLocalDns.map((address) => hostRange(address, 'NodeLocal DNSCache addresses')) : shownDns;
  return { services, podRanges: unique(podRanges), nodeRanges: unique(nodeRanges), nodeLocalDns: unique(nodeLocalDns) };
}

function isNodeLocalDns(manifest: Manifest): boolean {
  const labels = ((manifest.spec as any)?.template?.metadata?.labels ?? {}) as Labels;
  return manifest.metadata.name === NODE_LOCAL_DNS_LABEL || labels['k8s-app'] === NODE_LOCAL_DNS_LABEL;
}

// The addresses of `-localip a,b` (or `-localip=a,b`); the default address when none is given.
function nodeLocalAddresses(daemonSet: z.infer<typeof daemonSetSchema>): string[] {
  const args = daemonSet.spec.template.spec.containers.flatMap((container) => container.args ?? []);
  const index = args.findIndex((arg) => arg === '-localip' || arg.startsWith('-localip='));
  const value = index < 0 ? '' : args[index].startsWith('-localip=') ? args[index].slice('-localip='.length) : (args[index + 1] ?? '');
  const addresses = value.split(',').map((text) => text.trim()).filter((text) => ipaddr.isValid(text));
  return (addresses.length > 0 ? addresses : [NODE_LOCAL_DNS_ADDRESS]).map((address) => hostRange(address, 'node-local-dns'));
}

function checkedRange(text: string, where: string): string {
  const parsed = parseCidr(text);
  if (typeof parsed === 'string') throw new NetpolError([{ where, field: '', message: parsed }]);
  return text;
}

function hostRange(address: string, where: string): string {
  if (address.includes('/')) return checkedRange(address, where);
  if (!ipaddr.isValid(address)) throw new NetpolError([{ where, field: '', message: `"${address}" is not an IP address` }]);
  const parsed = ipaddr.parse(address);
  return parsed.kind() === 'ipv4' ? `${parsed.toString()}/32` : `${(parsed as ipaddr.IPv6).toRFC5952String()}/128`;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
