import { z } from 'zod';
import { DIALECT_NAMES, DialectName } from '../dialects/capabilities';
import { ReachQuery } from '../analysis/reach-check';
import { parseOrThrow } from '../model/validate';

/** The plugin's `properties` in cdk8s.yaml. */
export interface NetpolValidationProps {
  /** Connections that must be allowed fully, each `{ from, to, port? }` as `netpol reach` names them. @default none */
  readonly mustAllow?: readonly ReachQuery[];
  /** Connections that must be denied entirely. @default none */
  readonly mustDeny?: readonly ReachQuery[];
  /** Files or directories of workloads (Deployments, Pods, Namespaces...), relative to cdk8s.yaml's folder. @default the synthesized manifests' own workloads only */
  readonly workloads?: readonly string[];
  /** The engine whose semantics apply. @default inferred from the policy kinds */
  readonly cni?: DialectName;
  /** Lint check ids not to run (docs/lint.md). @default none */
  readonly disable?: readonly string[];
}

const query = z.strictObject({ from: z.string().min(1), to: z.string().min(1), port: z.string().min(1).optional() });
const schema = z.strictObject({
  mustAllow: z.array(query).optional(),
  mustDeny: z.array(query).optional(),
  workloads: z.array(z.string().min(1)).optional(),
  cni: z.enum(DIALECT_NAMES as unknown as [DialectName, ...DialectName[]]).optional(),
  disable: z.array(z.string()).optional(),
});

/** The properties, checked: a NetpolError naming the field (under `properties`) when they are wrong. */
export function checkProperties(properties: unknown): NetpolValidationProps {
  parseOrThrow(schema, properties ?? {}, 'cdk8s.yaml validations[].properties (cdk8s-netpol plugin)');
  return (properties ?? {}) as NetpolValidationProps;
}
