import { hasPorts, Port, Protocol } from '../../model/port';
import { Rule } from '../../model/rule';
import { NotModelled } from '../read-result';

// A Calico rule's L4 match (protocol, notProtocol, icmp, notICMP, the destination's ports and
// notPorts, all ANDed) read as model ports. notProtocol beside a protocol, notICMP and numbered
// notPorts are read as the ports left, exactly, so the model stays what every dialect can render;
// notPorts with named ports (a number on each pod) and notProtocol alone (every other protocol,
// named or not) need the rule's exceptPorts, which no dialect renders.

type Fields = Record<string, any>;

/** Protocol names and the numbers Calico also accepts for them. */
export const PROTOCOLS: Record<string, Protocol> = { TCP: 'TCP', 6: 'TCP', UDP: 'UDP', 17: 'UDP', SCTP: 'SCTP', 132: 'SCTP', ICMP: 'ICMP', 1: 'ICMP', ICMPv6: 'ICMPv6', 58: 'ICMPv6' };

/** A rule's ports ([] for every protocol and port) and the ports taken out of them, or 'none' when it matches nothing. */
export type RulePorts = Pick<Rule, 'ports' | 'exceptPorts'> | 'none';

/** The ports of a rule, or 'none' when it matches nothing. */
export function readPorts(rule: Fields, ports: unknown[], notPorts: unknown[]): RulePorts {
  const read = match(rule, ports, notPorts);
  return Array.isArray(read) ? { ports: read } : read;
}

// The ports a rule matches: as a list, or with exceptPorts.
function match(rule: Fields, ports: unknown[], notPorts: unknown[]): Port[] | RulePorts {
  const protocol = protocolOf(rule, 'protocol');
  const notProtocol = protocolOf(rule, 'notProtocol');
  // Calico takes ports and ICMP matches only with a protocol (validator.go), so without one notProtocol
  // is all there is. It is every protocol but one, those the model has no name for (GRE, ESP) too:
  // read as the model's other four, a deny rule written out again would let those through.
  if (protocol === undefined) return notProtocol === undefined ? [] : { ports: [], exceptPorts: [{ protocol: notProtocol }] };
  if (protocol === notProtocol) return 'none';
  if (!hasPorts(protocol)) return icmpPorts(protocol, rule.icmp, rule.notICMP);
  const entries = ports.map(portEntry);
  const excluded = notPorts.map(portEntry);
  // A named port is a number on each pod: the ports less the notPorts are then left to the analysis.
  if ([...entries, ...excluded].some((entry) => typeof entry === 'string')) {
    const asPorts = (list: PortEntry[]) => list.map((entry): Port => (typeof entry === 'string' ? { protocol, port: entry } : portRange(protocol, entry)));
    return { ports: entries.length > 0 ? asPorts(entries) : [{ protocol }], ...(excluded.length > 0 && { exceptPorts: asPorts(excluded) }) };
  }
  if (notPorts.length > 0) return portsWithout(protocol, entries, excluded);
  if (entries.length === 0) return [{ protocol }];
  return entries.map((entry): Port => (typeof entry === 'string' ? { protocol, port: entry } : portRange(protocol, entry)));
}

// A protocol the model has: other protocols (UDPLite, numbers) are not modelled.
function protocolOf(rule: Fields, field: 'protocol' | 'notProtocol'): Protocol | undefined {
  if (rule[field] === undefined) return undefined;
  const protocol = PROTOCOLS[String(rule[field])];
  if (!protocol) throw new NotModelled(`${field} ${rule[field]}`);
  return protocol;
}

type PortEntry = string | readonly [number, number];

// A Calico port: a number, a range "low:high", or a name.
function portEntry(port: unknown): PortEntry {
  const range = /^(\d+)(?::(\d+))?$/.exec(String(port));
  return range ? [Number(range[1]), Number(range[2] ?? range[1])] : String(port);
}

function portRange(protocol: Protocol, [low, high]: readonly [number, number]): Port {
  return { protocol, port: low, ...(high !== low && { endPort: high }) };
}

// The numbered ports (every port when none are given) less the numbered notPorts, as ranges.
function portsWithout(protocol: Protocol, entries: PortEntry[], excluded: PortEntry[]): Port[] | 'none' {
  const allowed = new Array<boolean>(65536).fill(entries.length === 0);
  for (const [low, high] of entries as [number, number][]) allowed.fill(true, low, high + 1);
  for (const [low, high] of excluded as [number, number][]) allowed.fill(false, low, high + 1);
  const ranges = rangesOf(allowed, 1).map((range) => portRange(protocol, range));
  return ranges.length > 0 ? ranges : 'none';
}

// ICMP types and codes as the model ports of one type (every code) or one type and code. notICMP
// takes one type, or one type and code, out of what icmp (or its absence: every message) matches.
function icmpPorts(protocol: Protocol, icmp: Fields | undefined, notICMP: Fields | undefined): Port[] | 'none' {
  const match = (fields: Fields | undefined): Port => ({ protocol, ...(fields?.type !== undefined && { icmpType: fields.type }), ...(fields?.code !== undefined && { icmpCode: fields.code }) });
  if (notICMP?.type === undefined) return [match(icmp)];
  // Each message as type*256+code: every one icmp matches, less those notICMP matches.
  const messages = new Array<boolean>(65536).fill(false);
  const mark = (fields: Fields | undefined, value: boolean) => {
    const [low, high] = fields?.type === undefined ? [0, 65535] : fields.code === undefined ? [fields.type * 256, fields.type * 256 + 255] : [fields.type * 256 + fields.code, fields.type * 256 + fields.code];
    messages.fill(value, low, high + 1);
  };
  mark(icmp, true);
  mark(notICMP, false);
  const ports = rangesOf(messages, 0).flatMap(([low, high]) => {
    const result: Port[] = [];
    for (let value = low; value <= high; ) {
      const [type, code] = [value >> 8, value & 255];
      const wholeType = code === 0 && value + 255 <= high;
      result.push({ protocol, icmpType: type, ...(!wholeType && { icmpCode: code }) });
      value += wholeType ? 256 : 1;
    }
    return result;
  });
  return ports.length > 0 ? ports : 'none';
}

// The runs of true values from `first` on, as inclusive ranges.
function rangesOf(values: boolean[], first: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (let value = first; value < values.length; value++) {
    if (!values[value]) continue;
    let end = value;
    while (end + 1 < values.length && values[end + 1]) end++;
    ranges.push([value, end]);
    value = end;
  }
  return ranges;
}
