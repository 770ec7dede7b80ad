// cdk8s-netpol/cdk8s-plugin: the cdk8s validation plugin (docs/cdk8s-plugin.md). A separate entry
// point, so that synthesizing does not load ajv and the schemas.
export { NetpolValidation, NetpolValidationContext } from './plugin';
export { NetpolValidationProps } from './properties';
export { NetpolViolation } from './violations';
