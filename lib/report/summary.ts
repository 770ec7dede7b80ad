import { ReportModel } from './model';

/** The Markdown a reviewer pastes into a pull request: the counts, the partial read, the link to the report. */
export function diffSummaryMarkdown(model: ReportModel, labels: readonly string[], link?: string): string {
  const { added, removed } = model.changeCounts();
  const notAnalysed = model.versions.flatMap((version) => version.policies.notAnalysed);
  const lines = [
    `### Network policy: ${labels.join(' → ')}`,
    '',
    `- **${added}** source-destination pairs widened (the new version allows more)`,
    `- **${removed}** pairs narrowed (the new version allows less)`,
  ];
  if (notAnalysed.length > 0) lines.push(`- ⚠️ partial read: ${notAnalysed.length} policy features not analysed (${notAnalysed.map((item) => `${item.policy}: ${item.feature}`).join('; ')})`);
  lines.push('', link ? `[The report: matrices, graph and explanations](${link})` : 'The report (matrices, graph, explanations) is attached as an artifact.', '');
  return lines.join('\n');
}
