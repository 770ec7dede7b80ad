import { hasPorts, Port } from '../../model/port';

/** The most ports one port rule, and ICMP types one ICMP rule, may hold (rule_validation.go maxPorts, maxICMPFields). */
export const MAX_ITEMS_PER_RULE = 40;

/**
 * The L4 parts of a rule, each for its own Cilium rule: `toPorts` and `icmps` cannot share one.
 * No ports is one empty part (every port and protocol). A protocol's every port is port "0".
 */
export function renderPorts(ports: readonly Port[], l7?: Record<string, unknown>): Record<string, unknown>[] {
  if (ports.length === 0) return [{}];
  const transport = ports.filter((port) => hasPorts(port.protocol)).map(renderPort);
  // The checks refuse ICMP without a type before rendering: Cilium's icmps list types.
  const icmp = ports.filter((port) => !hasPorts(port.protocol)).map((port) => ({ type: port.icmpType, family: port.protocol === 'ICMPv6' ? 'IPv6' : 'IPv4' }));
  return [
    ...(transport.length > 0 ? [{ toPorts: chunks(transport).map((chunk) => ({ ports: chunk, ...(l7 && { rules: l7 }) })) }] : []),
    ...(icmp.length > 0 ? [{ icmps: chunks(icmp).map((chunk) => ({ fields: chunk })) }] : []),
  ];
}

// Ports are strings in Cilium's schema, never integers; a range of one port is that port.
function renderPort(port: Port): Record<string, unknown> {
  const range = port.endPort !== undefined && port.endPort !== port.port;
  return { port: String(port.port ?? 0), ...(range && { endPort: port.endPort }), protocol: port.protocol };
}

function chunks<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += MAX_ITEMS_PER_RULE) result.push(items.slice(start, start + MAX_ITEMS_PER_RULE));
  return result;
}
