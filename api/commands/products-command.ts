import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Product } from '../../graph/index.ts';
import { type CatalogFormat, catalogFormatFromPath, parseCatalog } from '../catalog/catalog-parser.ts';
import { type CatalogImportReport, importCatalog } from '../catalog/import-catalog.ts';
import { CliError, createOutput, integerFlag } from '../cli-output.ts';
import { withAppContext } from '../composition-root.ts';
import type { Config } from '../config.ts';
import { reextractNow } from '../vocabulary-runs.ts';
import { formatRun } from './ingest-command.ts';
import { cliActor } from './vocab-command.ts';

function formatReport(file: string, report: CatalogImportReport): string {
  const c = report.counts;
  const lines = [
    `${file}: ${c.rows} rows; ${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged, ${c.failed} rejected`,
  ];
  for (const warning of report.warnings) lines.push(`  warning: ${warning}`);
  for (const error of report.errors.slice(0, 50)) lines.push(`  ${error.message}`);
  if (report.errors.length > 50) lines.push(`  … and ${report.errors.length - 50} more (see --json)`);
  return lines.join('\n');
}

function formatProducts(products: Product[]): string {
  if (products.length === 0) return 'no products (import a catalog with `matscout products import <file>`)';
  return products
    .map(
      (p) =>
        `${p.id}  ${p.name}  [${p.materialId}]${p.knownApplications.length ? `  known: ${p.knownApplications.join(', ')}` : ''}`,
    )
    .join('\n');
}

/** `matscout products import <file>` and `matscout products list`. */
export function registerProductsCommand(program: Command, getConfig: () => Config): void {
  const products = program.command('products').description('the product catalog (import, list)');

  products
    .command('import')
    .description(
      'import a catalog (.json or .csv; list cells separated by ;); valid rows import, bad rows are reported',
    )
    .argument('<file>', 'catalog file')
    .option('--format <format>', 'json or csv (default: from the file extension)')
    .option('--owner <name>', 'owner for rows that name none')
    .option('--json', 'print the import report as JSON')
    .action(async (file: string, flags: { format?: string; owner?: string; json?: boolean }) => {
      const output = createOutput(Boolean(flags.json));
      const format = (flags.format ?? catalogFormatFromPath(file)) as CatalogFormat | undefined;
      if (format !== 'json' && format !== 'csv') {
        throw new CliError(`cannot tell the format of '${file}'`, {
          hint: 'pass --format json or --format csv',
        });
      }
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new CliError(`cannot read '${file}': ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
      }
      const parsed = parseCatalog(text, format, { defaultOwner: flags.owner });
      const report = await withAppContext(getConfig(), { log: output.info }, async (context) => {
        const imported = await importCatalog(context.products, parsed, {
          vocabulary: context.vocabulary,
          actor: cliActor(),
        });
        // The catalog's names reach the stored chunks: suggestions work without re-ingesting.
        const reextraction = imported.vocabulary?.version
          ? await reextractNow(context, { actor: cliActor() })
          : undefined;
        return { ...imported, ...(reextraction ? { reextraction } : {}) };
      });
      output.result(report, () =>
        [
          formatReport(file, report),
          ...(report.vocabulary?.version
            ? [
                `  vocabulary version ${report.vocabulary.version}: ${report.vocabulary.changed.length} terms new or renamed`,
              ]
            : []),
          ...(report.reextraction ? [formatRun(report.reextraction)] : []),
        ].join('\n'),
      );
      // Rejected rows make the command fail (after importing the valid ones) so scripts notice.
      if (report.errors.length > 0) process.exitCode = 1;
    });

  products
    .command('list')
    .description('list the imported products')
    .option('--limit <n>', 'at most this many', '1000')
    .option('--json', 'print JSON')
    .action(async (flags: { limit: string; json?: boolean }) => {
      const output = createOutput(Boolean(flags.json));
      const limit = integerFlag(flags.limit, '--limit');
      const list = await withAppContext(getConfig(), { log: output.info }, (context) =>
        context.products.listProducts({ limit }),
      );
      output.result({ products: list }, () => formatProducts(list));
    });
}
