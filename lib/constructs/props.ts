import { IConstruct } from 'constructs';
import { z } from 'zod';
import { Port } from '../model/port';
import { DIRECTIONS, HttpMatch } from '../model/rule';
import { selectorInputSchema, shaped, stringsSchema } from '../model/inputs';
import { parseOrThrow } from '../model/validate';
import type { PeerInput } from './policy';

export { namespacesInputSchema, selectorInputSchema, shaped, stringsSchema } from '../model/inputs';

// Run-time checks of construct props, for JavaScript callers, `as any` and props read from config:
// unknown fields (with the field most likely meant), missing required ones and wrong types, named
// by construct path and field. What the props pass on to the intent model (selectors' contents,
// ports, peers) is checked there, once, so these check only its shape.

/** Ports made with Port.tcp(...) and the like. */
export const portsSchema = z.array(shaped<Port>('a port (Port.tcp(8080), Port.udp(53), ...)')).readonly();
/** A peer made with Peer.pods(...) and the like, or Peer.any(). */
export const peerInputSchema = shaped<PeerInput>('a peer (Peer.pods(...), Peer.namespace(...), Peer.cidr(...), Peer.any(), ...)', (value) => typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string');
/** A list of peers. */
export const peerInputsSchema = z.array(peerInputSchema).readonly();
export const directionsSchema = z.array(z.enum(DIRECTIONS)).readonly();
export const httpMatchesSchema = z.array(shaped<HttpMatch>('an HTTP match ({ method, path, host, headers })')).readonly();

export const dnsServerSchema = z.strictObject({
  namespace: z.string().optional(),
  pods: selectorInputSchema.optional(),
  nodeLocalDnsCache: z.union([z.boolean(), stringsSchema]).optional(),
});
export const dnsOptionSchema = z.union([z.boolean(), dnsServerSchema]);

/** The fields of PatternProps, for a pattern's schema to spread. */
export const patternPropsFields = { name: z.string().optional(), namespace: z.string().optional() };
/** The fields of SelectingPatternProps, for a pattern's schema to spread. */
export const selectingPatternPropsFields = { ...patternPropsFields, select: selectorInputSchema.optional() };

/**
 * Checks the props of construct `id` about to be made in `scope` (call it first thing in the
 * constructor, before `super`, so nothing reads a bad prop): throws a NetpolError naming the
 * construct path and each bad field.
 */
export function checkProps<T>(schema: z.ZodType<T>, props: unknown, scope: IConstruct, id: string): void {
  const where = scope.node.path ? `${scope.node.path}/${id}` : id;
  parseOrThrow(schema, props ?? {}, where);
}
