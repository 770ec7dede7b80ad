import { checkProperties, NetpolValidationProps } from './properties';
import { findViolations, NetpolViolation } from './violations';

/** The part of cdk8s-cli's ValidationContext the plugin uses (so that it needs no cdk8s-cli at run time). */
export interface NetpolValidationContext {
  /** The manifest files cdk8s synthesized. */
  readonly manifests: readonly string[];
  /** Where violations go. */
  readonly report: {
    addViolation(violation: Omit<NetpolViolation, 'fails'>): void;
    submit(status: 'success' | 'failure', metadata?: Readonly<Record<string, string>>): void;
  };
}

/**
 * A cdk8s validation plugin (cdk8s.yaml `validations:`, docs/cdk8s-plugin.md): checks every
 * manifest the app synthesized against the official policy schemas and the lint checks, and the
 * reach assertions its properties give. Errors fail the synth; lint warnings are reported only.
 */
export class NetpolValidation {
  private readonly props: NetpolValidationProps;

  /** cdk8s constructs it with the `properties` of cdk8s.yaml; wrong properties throw, naming the field. */
  constructor(properties: unknown = {}) {
    this.props = checkProperties(properties);
  }

  /** Runs every check and submits the report. */
  async validate(context: NetpolValidationContext): Promise<void> {
    const violations = findViolations(context.manifests, this.props);
    for (const { fails, ...violation } of violations) context.report.addViolation(violation);
    const failing = violations.filter((violation) => violation.fails).length;
    context.report.submit(failing > 0 ? 'failure' : 'success', { errors: String(failing), warnings: String(violations.length - failing) });
  }
}
