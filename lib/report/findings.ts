import { Analysed } from '../analysis/analyse';
import { SourcedManifest } from '../analysis/manifests';
import { DialectName } from '../dialects/capabilities';
import { lint } from '../lint/lint';
import { policyText } from '../lint/finding';
import { ReportFinding } from './data';

/** The lint findings the report lists: every check of `netpol lint`, on the manifests the report reads (`analysed`: as the report evaluated them). */
export function reportFindings(manifests: readonly SourcedManifest[], analysed: Analysed, engine?: DialectName): ReportFinding[] {
  const { findings } = lint({ manifests: manifests.map(({ manifest }) => manifest), analysed, ...(engine && { dialect: engine }) });
  return findings.map(({ id, severity, message, policy, fix }) => ({ id, severity, message, fix, ...(policy && { policy: policyText(policy) }) }));
}
