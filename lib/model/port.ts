import { z } from 'zod';
import { portNameProblem } from './names';
import { parseOrThrow } from './validate';
import { SameType } from './same-type';

/** Protocols a rule can match; ICMP and ICMPv6 only where the dialect has them. */
export const PROTOCOLS = ['TCP', 'UDP', 'SCTP', 'ICMP', 'ICMPv6'] as const;
export type Protocol = (typeof PROTOCOLS)[number];
const portProtocolSchema = z.enum(['TCP', 'UDP', 'SCTP']);
const PORT_PROTOCOLS: readonly Protocol[] = portProtocolSchema.options;

/** Whether a protocol has ports (TCP, UDP, SCTP) rather than ICMP types. */
export function hasPorts(protocol: Protocol): boolean {
  return PORT_PROTOCOLS.includes(protocol);
}

/**
 * A protocol and, optionally, a port, a range or an ICMP type. Ports are the destination pod's own
 * (container) ports, never a Service port; a named port resolves against each destination pod.
 */
/** @internal */
export const portSchema = z
  .strictObject({
    /** The protocol. */
    protocol: z.enum(PROTOCOLS),
    /** A port number 1-65535 or a named port (IANA_SVC_NAME); absent means every port of the protocol. */
    port: z.union([z.number(), z.string()]).optional(),
    /** The last port of a range that starts at `port` (numeric ports only). */
    endPort: z.number().optional(),
    /** ICMP type 0-254 (ICMP and ICMPv6 only); absent means every type. */
    icmpType: z.number().optional(),
    /** ICMP code 0-255 (needs `icmpType`). */
    icmpCode: z.number().optional(),
  })
  .superRefine((value, ctx) => {
    const problem = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (hasPorts(value.protocol)) {
      if (value.icmpType !== undefined) problem('icmpType', `only ICMP and ICMPv6 have types, not ${value.protocol}`);
      if (value.icmpCode !== undefined) problem('icmpCode', `only ICMP and ICMPv6 have codes, not ${value.protocol}`);
    } else {
      if (value.port !== undefined) problem('port', `${value.protocol} has no ports: use icmpType and icmpCode`);
      if (value.endPort !== undefined) problem('endPort', `${value.protocol} has no ports`);
      if (value.icmpType !== undefined && !isIntegerIn(value.icmpType, 0, 254)) problem('icmpType', `${value.icmpType} is not an ICMP type: use an integer 0-254`);
      if (value.icmpCode !== undefined && !isIntegerIn(value.icmpCode, 0, 255)) problem('icmpCode', `${value.icmpCode} is not an ICMP code: use an integer 0-255`);
      if (value.icmpCode !== undefined && value.icmpType === undefined) problem('icmpCode', 'an ICMP code needs an icmpType');
    }
    if (typeof value.port === 'number' && !isIntegerIn(value.port, 1, 65535)) {
      problem('port', `${value.port} is not a port: use an integer 1-65535 or a port name`);
    }
    if (typeof value.port === 'string') {
      if (/^\d+$/.test(value.port)) problem('port', `"${value.port}" is a number written as a string: write ${Number(value.port)}`);
      else {
        const nameProblem = portNameProblem(value.port);
        if (nameProblem) problem('port', nameProblem);
      }
    }
    if (value.endPort !== undefined) {
      if (typeof value.port !== 'number') problem('endPort', 'endPort needs a numeric port to start the range');
      else if (!isIntegerIn(value.endPort, value.port, 65535)) {
        problem('endPort', `${value.endPort} is not a valid end of a range starting at ${value.port}: use an integer ${value.port}-65535`);
      }
    }
  });

export interface Port {
  /** The protocol. */
  protocol: Protocol;
  /** A port number 1-65535 or a named port (IANA_SVC_NAME). @default every port of the protocol */
  port?: number | string;
  /** The last port of a range that starts at `port` (numeric ports only). @default no range */
  endPort?: number;
  /** ICMP type 0-254 (ICMP and ICMPv6 only). @default every type */
  icmpType?: number;
  /** ICMP code 0-255 (needs `icmpType`). @default every code */
  icmpCode?: number;
}

/** @internal */
export const portTypeMatchesSchema: SameType<Port, z.infer<typeof portSchema>> = true;

function isIntegerIn(value: number, low: number, high: number): boolean {
  return Number.isInteger(value) && value >= low && value <= high;
}

// A port factory's arguments: a missing port must not read as "every port" (Port.all says that).
const portArguments = z.object({ port: z.union([z.number(), z.string()]), endPort: z.number().optional() });
const allArguments = z.object({ protocol: portProtocolSchema });

function portOf(protocol: Protocol, port?: number | string, endPort?: number): Port {
  return { protocol, ...(port !== undefined && { port }), ...(endPort !== undefined && { endPort }) };
}

/** Factories for ports: `Port.tcp(8080)`, `Port.udp(53)`, `Port.tcp(8000, 8100)`, `Port.tcp('http')`. */
export const Port = {
  /** TCP on one port, a named port, or the range port..endPort. */
  tcp: (port: number | string, endPort?: number): Port => {
    parseOrThrow(portArguments, { port, endPort }, 'Port.tcp');
    return portOf('TCP', port, endPort);
  },
  /** UDP on one port, a named port, or the range port..endPort. */
  udp: (port: number | string, endPort?: number): Port => {
    parseOrThrow(portArguments, { port, endPort }, 'Port.udp');
    return portOf('UDP', port, endPort);
  },
  /** SCTP on one port, a named port, or the range port..endPort. */
  sctp: (port: number | string, endPort?: number): Port => {
    parseOrThrow(portArguments, { port, endPort }, 'Port.sctp');
    return portOf('SCTP', port, endPort);
  },
  /** Every port of one protocol. */
  all: (protocol: 'TCP' | 'UDP' | 'SCTP'): Port => {
    parseOrThrow(allArguments, { protocol }, 'Port.all');
    return portOf(protocol);
  },
  /** ICMP (IPv4), optionally one type and code. */
  icmp: (icmpType?: number, icmpCode?: number): Port => ({ protocol: 'ICMP', ...(icmpType !== undefined && { icmpType }), ...(icmpCode !== undefined && { icmpCode }) }),
  /** ICMPv6, optionally one type and code. */
  icmpv6: (icmpType?: number, icmpCode?: number): Port => ({ protocol: 'ICMPv6', ...(icmpType !== undefined && { icmpType }), ...(icmpCode !== undefined && { icmpCode }) }),
  /** Parses `TCP/8080`, `UDP/53`, `TCP/8000-8100`, `TCP/http`, `SCTP` (every port), or `8080` (TCP, as a NetworkPolicy port without a protocol). */
  parse(text: string): Port {
    if (/^\d+(-\d+)?$/.test(text)) return Port.parse(`TCP/${text}`);
    const [protocolText, portText, ...rest] = text.split('/');
    const protocol = PROTOCOLS.find((candidate) => candidate.toUpperCase() === protocolText.toUpperCase());
    if (!protocol || rest.length > 0 || portText === '') {
      throw new Error(`"${text}" is not a port: write PROTOCOL[/PORT[-END]] or a TCP port alone, e.g. TCP/8080, UDP/53, TCP/8000-8100, TCP/http, 8080`);
    }
    const range = /^(\d+)-(\d+)$/.exec(portText ?? '');
    if (range) return portOf(protocol, Number(range[1]), Number(range[2]));
    if (portText === undefined) return portOf(protocol);
    return portOf(protocol, /^\d+$/.test(portText) ? Number(portText) : portText);
  },
};
