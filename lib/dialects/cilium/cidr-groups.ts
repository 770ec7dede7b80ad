import { Manifest } from '../manifest';
import { NotModelled } from '../read-result';

/** The kind of Cilium's named CIDR lists (cluster-scoped), in both API versions Cilium serves. */
export const CIDR_GROUP_KIND = 'CiliumCIDRGroup';
const CIDR_GROUP_API_VERSIONS: readonly string[] = ['cilium.io/v2', 'cilium.io/v2alpha1'];

/** The CIDRs of each CiliumCIDRGroup of the input by name; 'conflicting' when two objects of one name differ. */
export type CidrGroups = ReadonlyMap<string, readonly string[] | 'conflicting'>;

/**
 * The CiliumCIDRGroups among the manifests (spec.externalCIDRs). One group given twice (the same
 * object in both API versions, say) must say the same both times: otherwise the input does not
 * tell which one the cluster holds.
 */
export function readCidrGroups(manifests: readonly Manifest[]): CidrGroups {
  const groups = new Map<string, readonly string[] | 'conflicting'>();
  for (const manifest of manifests) {
    if (manifest.kind !== CIDR_GROUP_KIND || !CIDR_GROUP_API_VERSIONS.includes(manifest.apiVersion)) continue;
    const cidrs = ((manifest.spec as Record<string, unknown> | undefined)?.externalCIDRs ?? []) as string[];
    const known = groups.get(manifest.metadata.name);
    groups.set(manifest.metadata.name, known === undefined || JSON.stringify(known) === JSON.stringify(cidrs) ? cidrs : 'conflicting');
  }
  return groups;
}

/** The CIDRs a cidrGroupRef names; a name the input does not define (or defines twice, differently) is not analysed. */
export function cidrGroup(groups: CidrGroups, name: string): readonly string[] {
  const cidrs = groups.get(name);
  if (cidrs === 'conflicting') throw new NotModelled(`cidrGroupRef "${name}": the input has two CiliumCIDRGroups of that name with different CIDRs`);
  if (cidrs === undefined) throw new NotModelled(`cidrGroupRef "${name}": no CiliumCIDRGroup of that name in the input`);
  return cidrs;
}
