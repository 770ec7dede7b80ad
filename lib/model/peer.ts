import { z } from 'zod';
import { parseCidr, strictlyInside } from './cidr';
import { dnsLabelProblem, dnsSubdomainProblem } from './names';
import { namespacesInputSchema, selectorInputSchema, stringsSchema } from './inputs';
import { LabelSelector, labelSelectorSchema, SelectorInput, toSelector } from './selector';
import { parseOrThrow } from './validate';
import { SameType } from './same-type';

function checked(problemOf: (value: string) => string | undefined) {
  return z.string().superRefine((value, ctx) => {
    const problem = problemOf(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** @internal A namespace name (DNS-1123 label). */
export const namespaceNameSchema = checked(dnsLabelProblem);
const cidrSchema = checked((text) => {
  const parsed = parseCidr(text);
  return typeof parsed === 'string' ? parsed : undefined;
});

/**
 * Which namespaces: by name (matched on the automatic `kubernetes.io/metadata.name` label), by a
 * label selector over the namespaces' labels, or `'all'`.
 */
/** @internal */
// 'all' last: a union tries its branches in turn, and a branch that fails costs more than the check (bench/, P2).
export const namespaceSelectionSchema = z.union([
  z.strictObject({ names: z.array(namespaceNameSchema).min(1) }),
  z.strictObject({ selector: labelSelectorSchema }),
  z.literal('all'),
]);
export type NamespaceSelection = 'all' | { names: string[] } | { selector: LabelSelector };

/** Entities: addresses a dialect knows by role (Cilium's `toEntities`/`fromEntities`). */
export const ENTITIES = ['world', 'cluster', 'host', 'remote-node', 'kube-apiserver', 'ingress', 'health', 'init', 'unmanaged', 'all'] as const;
export type Entity = (typeof ENTITIES)[number];

// Cilium's matchPattern grammar: DNS labels with '*' wildcards, an optional '**.' prefix, or '*' alone.
const FQDN_PATTERN = /^(\*\*\.)?[-a-zA-Z0-9_*]+(\.[-a-zA-Z0-9_*]+)*\.?$/;
/** @internal A DNS name or a pattern with '*' (one label) or a leading '**.' (any depth of subdomains). */
export const fqdnPatternSchema = z.string().superRefine((pattern, ctx) => {
  if (pattern.length > 255 || !FQDN_PATTERN.test(pattern)) {
    ctx.addIssue({ code: 'custom', message: `"${pattern}" is not a DNS name or pattern: use labels of [-a-zA-Z0-9_] joined by '.', with '*' for any part of one label or a leading '**.' for any subdomain` });
  }
});

/** @internal */
export const peerSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('pods'),
    /** Which pods, by their labels. */
    pods: labelSelectorSchema,
    /** Which namespaces they are in; absent means the policy's own namespace. */
    namespaces: namespaceSelectionSchema.optional(),
  }),
  z.strictObject({
    kind: z.literal('namespaces'),
    /** Every pod in these namespaces. */
    namespaces: namespaceSelectionSchema,
  }),
  z
    .strictObject({
      kind: z.literal('cidr'),
      /** The address range, in canonical subnet form; for addresses outside the cluster. */
      cidr: cidrSchema,
      /** Ranges inside `cidr` to leave out. */
      except: z.array(cidrSchema).optional(),
    })
    .superRefine((peer, ctx) => {
      const outer = parseCidr(peer.cidr);
      peer.except?.forEach((text, index) => {
        const inner = parseCidr(text);
        if (typeof outer !== 'string' && typeof inner !== 'string' && !strictlyInside(inner, outer)) {
          ctx.addIssue({ code: 'custom', path: ['except', index], message: `${text} is not strictly inside ${peer.cidr}: an except must be a smaller range of the same family within the cidr` });
        }
      });
    }),
  z
    .strictObject({
      kind: z.literal('entity'),
      /** The entity. */
      entity: z.enum(ENTITIES),
      /** The same addresses as CIDRs, for dialects without the entity (kube-apiserver only). */
      cidrs: z.array(cidrSchema).min(1).optional(),
    })
    .superRefine((peer, ctx) => {
      // Other entities stand for pods or nodes, which must never be translated into addresses.
      if (peer.cidrs && peer.entity !== 'kube-apiserver') {
        ctx.addIssue({ code: 'custom', path: ['cidrs'], message: `only the kube-apiserver entity can carry CIDRs, not ${peer.entity}` });
      }
    }),
  z.strictObject({
    kind: z.literal('fqdn'),
    /** A DNS name, or a pattern with wildcards. */
    pattern: fqdnPatternSchema,
  }),
  z
    .strictObject({
      kind: z.literal('serviceAccount'),
      /** Service account names. */
      names: z.array(checked(dnsSubdomainProblem)).min(1).optional(),
      /** A selector over the service accounts' labels. */
      selector: labelSelectorSchema.optional(),
      /** Which namespaces; absent means the policy's own namespace. */
      namespaces: namespaceSelectionSchema.optional(),
    })
    .superRefine((peer, ctx) => {
      if (!peer.names && !peer.selector) ctx.addIssue({ code: 'custom', path: ['names'], message: 'a service account peer needs names or a selector' });
    }),
]);

/** The other end of a rule's connections. */
export type Peer =
  /** Pods by their labels, in the policy's own namespace unless `namespaces` says which. */
  | { kind: 'pods'; pods: LabelSelector; namespaces?: NamespaceSelection }
  /** Every pod in these namespaces. */
  | { kind: 'namespaces'; namespaces: NamespaceSelection }
  /** An address range outside the cluster, in canonical subnet form, minus `except`. */
  | { kind: 'cidr'; cidr: string; except?: string[] }
  /** An entity; `cidrs` are the same addresses for dialects without it (kube-apiserver only). */
  | { kind: 'entity'; entity: Entity; cidrs?: string[] }
  /** A DNS name, or a pattern with wildcards. */
  | { kind: 'fqdn'; pattern: string }
  /** Service accounts by name or label selector, in the policy's namespace unless `namespaces` says which. */
  | { kind: 'serviceAccount'; names?: string[]; selector?: LabelSelector; namespaces?: NamespaceSelection };

/** @internal */
export const peerTypesMatchSchemas: [SameType<Peer, z.infer<typeof peerSchema>>, SameType<NamespaceSelection, z.infer<typeof namespaceSelectionSchema>>] = [true, true];
export type PeerKind = Peer['kind'];

/** The marker for "any peer" in builder calls (a rule with no peers). */
export interface AnyPeer {
  readonly kind: 'any';
}

/** Namespaces: a list of names, `'all'`, `{ names }`, or `{ selector }` with labels or a selector over namespace labels. */
export type NamespacesInput = 'all' | readonly string[] | { readonly names: readonly string[] } | { readonly selector: SelectorInput };

export function toNamespaceSelection(input: NamespacesInput): NamespaceSelection {
  if (isStringList(input)) return { names: [...input] };
  if (input === 'all') return input;
  if ('selector' in input) return { selector: toSelector(input.selector) };
  return { names: [...input.names] };
}

function isStringList(input: NamespacesInput): input is readonly string[] {
  return Array.isArray(input);
}

// The factories' arguments, checked for their shape (a wrong type would be misread: a string
// spread into letters, a missing port read as every port); the model validates their contents.
function checkArguments<T>(factory: string, schema: z.ZodType<T>, value: unknown): void {
  parseOrThrow(schema, value, factory);
}
const podsArguments = z.object({ pods: selectorInputSchema, namespaces: namespacesInputSchema.optional() });
const cidrArguments = z.object({ cidr: z.string(), except: stringsSchema.optional() });
const entityArguments = z.object({ entity: z.string(), cidrs: stringsSchema.optional() });
const namespacesWithLabelsArguments = z.object({ selector: selectorInputSchema });
const serviceAccountArguments = z.object({
  options: z.strictObject({ names: stringsSchema.optional(), selector: selectorInputSchema.optional(), namespaces: namespacesInputSchema.optional() }),
});

/** Factories for peers, e.g. `Peer.pods({ app: 'web' })`, `Peer.namespace('monitoring')`, `Peer.cidr('10.0.0.0/8')`. */
export const Peer = {
  /** Any peer at all: every address, in and outside the cluster. */
  any: (): AnyPeer => ({ kind: 'any' }),
  /** Pods by labels, in the policy's namespace unless `namespaces` says otherwise. */
  pods: (pods: SelectorInput, namespaces?: NamespacesInput): Peer => {
    checkArguments('Peer.pods', podsArguments, { pods, namespaces });
    return { kind: 'pods', pods: toSelector(pods), ...(namespaces !== undefined && { namespaces: toNamespaceSelection(namespaces) }) };
  },
  /** Every pod in the namespaces with these names. */
  namespace: (...names: string[]): Peer => ({ kind: 'namespaces', namespaces: { names } }),
  /** Every pod in the namespaces whose labels match. */
  namespacesWithLabels: (selector: SelectorInput): Peer => {
    checkArguments('Peer.namespacesWithLabels', namespacesWithLabelsArguments, { selector });
    return { kind: 'namespaces', namespaces: { selector: toSelector(selector) } };
  },
  /** Every pod in every namespace (not addresses outside the cluster). */
  allNamespaces: (): Peer => ({ kind: 'namespaces', namespaces: 'all' }),
  /** Addresses in a CIDR, minus the `except` ranges; meant for addresses outside the cluster. */
  cidr: (cidr: string, except?: readonly string[]): Peer => {
    checkArguments('Peer.cidr', cidrArguments, { cidr, except });
    return { kind: 'cidr', cidr, ...(except && { except: [...except] }) };
  },
  /** An entity such as `world` or `kube-apiserver`; `cidrs` lets dialects without it render the addresses. */
  entity: (entity: Entity, cidrs?: readonly string[]): Peer => {
    checkArguments('Peer.entity', entityArguments, { entity, cidrs });
    return { kind: 'entity', entity, ...(cidrs && { cidrs: [...cidrs] }) };
  },
  /** A DNS name or pattern (egress only); the policy also gets the DNS rule that makes it work. */
  fqdn: (pattern: string): Peer => ({ kind: 'fqdn', pattern }),
  /** Pods running as these service accounts (by name or by the accounts' labels). */
  serviceAccount: (options: { names?: readonly string[]; selector?: SelectorInput; namespaces?: NamespacesInput }): Peer => {
    checkArguments('Peer.serviceAccount', serviceAccountArguments, { options });
    return {
      kind: 'serviceAccount',
      ...(options.names && { names: [...options.names] }),
      ...(options.selector && { selector: toSelector(options.selector) }),
      ...(options.namespaces !== undefined && { namespaces: toNamespaceSelection(options.namespaces) }),
    };
  },
};

/** The label every namespace carries with its own name (automatic since Kubernetes 1.21). */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** A namespace selection as a label selector over namespace labels (names via NAMESPACE_NAME_LABEL). */
export function namespaceSelector(selection: NamespaceSelection): LabelSelector {
  if (selection === 'all') return {};
  if ('selector' in selection) return selection.selector;
  if (selection.names.length === 1) return { matchLabels: { [NAMESPACE_NAME_LABEL]: selection.names[0] } };
  return { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: 'In', values: [...selection.names] }] };
}
