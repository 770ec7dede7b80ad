/** A Kubernetes object as plain data, the form every dialect renders to and reads from. */
export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly labels?: Readonly<Record<string, string>>;
    readonly annotations?: Readonly<Record<string, string>>;
  };
  readonly [field: string]: unknown;
}

/** The annotation that carries a policy's description where the dialect has no field for it. */
export const DESCRIPTION_ANNOTATION = 'netpol.cdk8s.io/description';

/** Options every dialect's render takes; a dialect ignores those it has no use for. */
export interface RenderOptions {
  /** Use the dialect's experimental API channel where it has one (kubernetes-cnp: domainNames for FQDN peers). @default false */
  readonly experimental?: boolean;
}
