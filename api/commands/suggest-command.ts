import type { Command } from 'commander';
import { formatScore } from '../../agent/index.ts';
import type { PassageSpan, StoredSuggestion } from '../../graph/index.ts';
import { CliError, createOutput, integerFlag } from '../cli-output.ts';
import { type AppContext, withAppContext } from '../composition-root.ts';
import type { Config } from '../config.ts';
import { resolveMaterial, similarMaterials } from '../material-resolver.ts';

/** One line of evidence: title, number or source, date, quoted passage. */
export function formatCitation(citation: PassageSpan): string {
  const document = citation.document;
  const where = document.number ? `${document.number}` : (document.url ?? document.source);
  const quote = citation.quote.length > 220 ? `${citation.quote.slice(0, 217)}…` : citation.quote;
  return `"${quote}" — ${document.title} (${where}, ${document.publishedAt?.slice(0, 10) ?? 'undated'})`;
}

function formatSuggestions(productName: string, suggestions: StoredSuggestion[]): string {
  if (suggestions.length === 0) {
    return `no new applications found for ${productName}: ingest more patents or news that mention its material`;
  }
  const lines = [`New applications for ${productName}:`];
  for (const suggestion of suggestions) {
    const components = Object.entries(suggestion.components)
      .filter(([, value]) => Math.abs(value) >= 0.01)
      .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
      .slice(0, 4)
      .map(([key, value]) => `${key} ${value >= 0 ? '+' : ''}${value.toFixed(2)}`)
      .join(', ');
    lines.push(
      `${String(suggestion.rank).padStart(2)}. ${suggestion.applicationName}  score ${formatScore(suggestion.score)}  [${suggestion.status}]`,
    );
    if (components) lines.push(`    components: ${components}`);
    lines.push(`    why: ${suggestion.rationale}`);
    const best = suggestion.citations[0];
    if (best) lines.push(`    evidence: ${formatCitation(best)}`);
  }
  return lines.join('\n');
}

/** `matscout suggest --material NAME`: where the material is used, then new applications for it. */
async function suggestForMaterial(
  context: AppContext,
  reference: string,
  top: number,
  output: ReturnType<typeof createOutput>,
): Promise<void> {
  const material = await resolveMaterial(context.graph, reference);
  if (!material) {
    const similar = await similarMaterials(context.graph, reference);
    throw new CliError(`unknown material '${reference}'`, {
      hint: similar.length
        ? `materials with similar names: ${similar.join(', ')}`
        : 'give a material id (material:…) or a name or alias the graph knows',
    });
  }
  // Computed in memory and never saved: a bare material has no catalog entry to hang reviews on.
  const found = await context.materialSuggestions.forMaterial(material, { top });
  const usedIn = found.usedIn.map((application) => application.name);
  output.result(
    { material, usedIn: found.usedIn, model: found.model.name, suggestions: found.suggestions },
    () =>
      [
        usedIn.length
          ? `${material.name} is used in: ${usedIn.join(', ')}`
          : `${material.name}: no stated uses yet`,
        formatSuggestions(material.name, found.suggestions),
      ].join('\n'),
  );
}

/** `matscout suggest <product> [--top N]` or `matscout suggest --material NAME [--top N]`. */
export function registerSuggestCommand(program: Command, getConfig: () => Config): void {
  program
    .command('suggest')
    .description('rank new applications for a product (id, name or alias), each with its best citation')
    .argument('[product]', 'product id, name or alias')
    .option('--material <name>', 'a material in the graph (id, name or alias) instead of a product')
    .option('--top <n>', 'how many suggestions', '10')
    .option('--json', 'print JSON')
    .action(
      async (productRef: string | undefined, flags: { top: string; json?: boolean; material?: string }) => {
        const output = createOutput(Boolean(flags.json));
        const top = integerFlag(flags.top, '--top', 1, 200);
        if (!productRef && !flags.material)
          throw new CliError('name a product, or a material with --material NAME');
        await withAppContext(getConfig(), { log: output.info }, async (context) => {
          if (flags.material) return suggestForMaterial(context, flags.material, top, output);
          if (!productRef) return;
          const { products } = context;
          const product = await products.findProduct(productRef);
          if (!product) {
            const known = (await products.listProducts({ limit: 20 })).map((p) => p.name);
            throw new CliError(`unknown product '${productRef}'`, {
              hint: known.length
                ? `known products: ${known.join(', ')}`
                : 'import a catalog first: npx matscout products import samples/catalog.json',
            });
          }
          const computed = await context.suggestionEngine.compute(product, { top });
          const stored = await context.suggestions.listSuggestions(product.id, { limit: top });
          output.result(
            { product, model: computed.model.name, excluded: computed.excluded, suggestions: stored },
            () => formatSuggestions(product.name, stored),
          );
        });
      },
    );
}
