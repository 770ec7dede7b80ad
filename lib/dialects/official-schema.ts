/**
 * An official schema of a kind a dialect writes, shipped in the package's schemas/ folder (with
 * SOURCES.md). Data only: the cdk8s plugin compiles it, so no dialect depends on a validator.
 */
export interface OfficialSchema {
  /** The `apiVersion/kind` it validates. */
  readonly kind: string;
  /** Its file under schemas/: a CRD (YAML), or a JSON schema (`.json`) for a built-in kind. */
  readonly file: string;
  /** The CRD version whose openAPIV3Schema applies; absent for a JSON schema. */
  readonly version?: string;
  /**
   * For an API with release channels, `file` is the standard channel's CRD and this the
   * experimental channel's, which allows more fields (domainNames, nodes, ...). @default no channels
   */
  readonly experimental?: string;
}
