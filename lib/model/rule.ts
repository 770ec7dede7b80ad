import { z } from 'zod';
import { fqdnPatternSchema, peerSchema } from './peer';
import { Port, portSchema } from './port';
import { Peer } from './peer';
import { SameType } from './same-type';

export const DIRECTIONS = ['ingress', 'egress'] as const;
export type Direction = (typeof DIRECTIONS)[number];
/** @internal */
export const directionSchema = z.enum(DIRECTIONS);

/** allow and deny decide; pass skips to the next tier; log records and goes on. */
export const ACTIONS = ['allow', 'deny', 'pass', 'log'] as const;
export type Action = (typeof ACTIONS)[number];

/** @internal */
export const httpMatchSchema = z
  .strictObject({
    /** The request method, e.g. GET (a regular expression). */
    method: z.string().min(1).optional(),
    /** The request path, a regular expression such as `/api/v1/.*`. */
    path: z.string().min(1).optional(),
    /** The Host header (a regular expression). */
    host: z.string().min(1).optional(),
    /** Headers that must be present with these values. */
    headers: z.record(z.string().min(1), z.string()).optional(),
  })
  .superRefine((match, ctx) => {
    if (Object.keys(match).length === 0) ctx.addIssue({ code: 'custom', message: 'an HTTP match needs at least one of method, path, host, headers' });
    for (const field of ['method', 'path', 'host'] as const) {
      const text = match[field];
      if (text === undefined) continue;
      try {
        new RegExp(text);
      } catch {
        ctx.addIssue({ code: 'custom', path: [field], message: `"${text}" is not a valid regular expression` });
      }
    }
    if (match.path !== undefined && !match.path.startsWith('/')) {
      ctx.addIssue({ code: 'custom', path: ['path'], message: `"${match.path}" does not start with '/': HTTP paths do` });
    }
  });
/** An L7 HTTP match; every field present must match (regular expressions, as Cilium reads them). */
export interface HttpMatch {
  /** The request method, e.g. GET (a regular expression). @default any method */
  method?: string;
  /** The request path, a regular expression such as `/api/v1/.*`. @default any path */
  path?: string;
  /** The Host header (a regular expression). @default any host */
  host?: string;
  /** Headers that must be present with these values. @default none */
  headers?: Record<string, string>;
}

/** @internal */
export const dnsMatchSchema = z.strictObject({
  /** A DNS name or pattern; `*` allows every name. */
  pattern: fqdnPatternSchema,
});
/** An L7 DNS match: queries for names matching `pattern` are allowed through the DNS proxy. */
export interface DnsMatch {
  /** A DNS name or pattern; `*` allows every name. */
  pattern: string;
}

/**
 * One rule: in `direction`, connections with any of `peers` ([] = any peer) on any of `ports`
 * ([] = every protocol and port) get `action`.
 */
/** @internal */
export const ruleSchema = z
  .strictObject({
    /** ingress: connections to the subject; egress: from it. */
    direction: directionSchema,
    /** What the rule does to the connections it matches. */
    action: z.enum(ACTIONS),
    /** The other ends; [] means any peer. */
    peers: z.array(peerSchema),
    /** The protocols and ports; [] means all of them. */
    ports: z.array(portSchema),
    /** Ports taken out of `ports`, each resolved on the destination pod as `ports` are (read from Calico's notPorts with named ports; no dialect renders it). */
    exceptPorts: z.array(portSchema).min(1).optional(),
    /** L7 HTTP matches: only these requests are allowed on the rule's TCP ports. */
    http: z.array(httpMatchSchema).min(1).optional(),
    /** L7 DNS matches: only these names may be resolved through the rule's ports. */
    dns: z.array(dnsMatchSchema).min(1).optional(),
    /** What the rule is for, for readers. */
    description: z.string().optional(),
    /** For a rule the library added, not the user: what it is, named so in errors (never rendered). */
    origin: z.string().optional(),
  })
  .superRefine((rule, ctx) => {
    const problem = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    rule.peers.forEach((peer, index) => {
      if (peer.kind !== 'fqdn') return;
      if (rule.direction !== 'egress') problem(['peers', index], 'FQDN peers are for egress only');
      else if (rule.action !== 'allow') problem(['peers', index], `FQDN peers can only be allowed, not ${rule.action}: no dialect can ${rule.action} by name`);
    });
    for (const layer of ['http', 'dns'] as const) {
      if (!rule[layer]) continue;
      if (rule.action !== 'allow') problem([layer], `${layer.toUpperCase()} matches only narrow allow rules, not ${rule.action}`);
      if (rule.ports.length === 0) problem([layer], `${layer.toUpperCase()} matches need explicit ports`);
    }
    if (rule.http && rule.dns) problem(['dns'], 'a rule has either HTTP or DNS matches, not both');
    if (rule.http) {
      rule.ports.forEach((port, index) => {
        if (port.protocol !== 'TCP') problem(['ports', index, 'protocol'], `HTTP matches work on TCP only, not ${port.protocol}`);
      });
    }
    if (rule.dns) {
      if (rule.direction !== 'egress') problem(['dns'], 'DNS matches are for egress only');
      rule.ports.forEach((port, index) => {
        if (port.protocol !== 'TCP' && port.protocol !== 'UDP') problem(['ports', index, 'protocol'], `DNS matches work on UDP and TCP only, not ${port.protocol}`);
        if (typeof port.port !== 'number' || port.endPort !== undefined) problem(['ports', index, 'port'], 'DNS matches need a single numeric port');
      });
    }
  });

/**
 * One rule: in `direction`, connections with any of `peers` ([] = any peer) on any of `ports`
 * ([] = every protocol and port) get `action`.
 */
export interface Rule {
  /** ingress: connections to the subject; egress: from it. */
  direction: Direction;
  /** What the rule does to the connections it matches. */
  action: Action;
  /** The other ends; [] means any peer. */
  peers: Peer[];
  /** The protocols and ports; [] means all of them. */
  ports: Port[];
  /** Ports taken out of `ports`, each resolved on the destination pod as `ports` are (read from Calico's notPorts with named ports; no dialect renders it). @default none */
  exceptPorts?: Port[];
  /** L7 HTTP matches: only these requests are allowed on the rule's TCP ports. @default none */
  http?: HttpMatch[];
  /** L7 DNS matches: only these names may be resolved through the rule's ports. @default none */
  dns?: DnsMatch[];
  /** What the rule is for, for readers. @default none */
  description?: string;
  /** Who added the rule when the user did not write it (e.g. the DNS rule FQDN peers need), for error messages; never rendered. @default none */
  origin?: string;
}

/** @internal */
export const ruleTypesMatchSchemas: [SameType<Rule, z.infer<typeof ruleSchema>>, SameType<HttpMatch, z.infer<typeof httpMatchSchema>>, SameType<DnsMatch, z.infer<typeof dnsMatchSchema>>] = [true, true, true];
