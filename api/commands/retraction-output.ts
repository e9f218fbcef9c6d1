import type { RetractionReport } from '../retraction-service.ts';

/** The human lines of a retraction report (`documents rm`, `sources rm --documents`). */
export function formatRetractionReport(report: RetractionReport): string {
  const c = report.counts;
  const lines: string[] = [];
  const what = `${report.documentIds.length} document${report.documentIds.length === 1 ? '' : 's'}`;
  lines.push(report.dryRun ? `dry run: would retract ${what} (nothing changed)` : `retracted ${what}`);
  lines.push(
    `  chunks ${c.chunks}, mentions ${c.mentions}, facts ${c.facts} (evidence links ${c.evidence}), entities ${c.entities}, ` +
      `fast paths recomputed ${c.fastPathsRecomputed} (removed ${c.fastPathsRemoved}), citations ${c.citations}, ` +
      `suggestions marked ${c.suggestionsMarked}, suggestions removed ${c.suggestionsRemoved}, chat messages ${c.messagesRedacted}`,
  );
  if (report.dryRun) for (const id of report.documentIds) lines.push(`  ${id}`);
  if (report.productIds.length > 0) {
    lines.push(
      `${report.dryRun ? 'would recompute' : 'recomputed'} suggestions of ${report.productIds.join(', ')}`,
    );
  }
  if (report.suggestionsMarked.length > 0)
    lines.push(`evidence withdrawn on reviewed suggestions: ${report.suggestionsMarked.join(', ')}`);
  for (const id of report.missing) lines.push(`not found: ${id} (already retracted, or never ingested)`);
  for (const warning of report.warnings) lines.push(`warning: ${warning}`);
  if (report.sourceRemoved) lines.push(`removed source ${report.sourceId}`);
  return lines.join('\n');
}
