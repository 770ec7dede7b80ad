// cdk8s-netpol/lint: named checks on policies of any dialect and on synthesized charts (docs/lint.md).
export { lint, lintChecks, LintInput, LintOptions, LintReport, LINT_DISABLE_ANNOTATION } from './lint';
export { Finding, PolicyRef, Severity, policyText } from './finding';
export { LintManifest } from './context';
export { GivenFacts } from './cluster-facts';
export { CheckInfo } from '../dialects/lint-check';
export { LINT_FORMATS, LintFormat, lintText, lintJson, findingPlace } from './format';
export { lintSarif, SarifTool } from './sarif';
