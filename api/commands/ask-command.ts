import type { Command } from 'commander';
import { createChatService } from '../chat-service.ts';
import { CliError, createOutput } from '../cli-output.ts';
import { withAppContext } from '../composition-root.ts';
import type { Config } from '../config.ts';

/** `matscout ask "<question>" [--product P]`: the same agent as `POST /v1/chat`. */
export function registerAskCommand(program: Command, getConfig: () => Config): void {
  program
    .command('ask')
    .description('ask a question; the answer cites passages [n] that resolve to stored document spans')
    .argument('<question>', 'the question, in quotes')
    .option('--product <product>', 'product id, name or alias to focus on')
    .option('--conversation <id>', 'continue a conversation')
    .option('--json', 'print {answer, citations, conversationId, removedMarkers} as JSON')
    .action(async (question: string, flags: { product?: string; conversation?: string; json?: boolean }) => {
      const config = getConfig();
      const output = createOutput(Boolean(flags.json));
      if (question.trim().length === 0) throw new CliError('the question is empty');
      await withAppContext(config, { log: output.info }, async (context) => {
        const controller = new AbortController();
        const onInterrupt = () => controller.abort();
        process.once('SIGINT', onInterrupt);
        try {
          let productId: string | undefined;
          if (flags.product) {
            const product = await context.products.findProduct(flags.product);
            if (!product) throw new CliError(`unknown product '${flags.product}'`);
            productId = product.id;
          }
          const chat = createChatService({ config, stores: context });
          const now = new Date().toISOString();
          const response = await chat.answer(
            {
              message: question,
              ...(productId ? { productId } : {}),
              ...(flags.conversation ? { conversationId: flags.conversation } : {}),
              principal: { id: 'cli', name: 'cli', role: 'admin', createdAt: now } as never,
            },
            { signal: controller.signal },
          );
          output.result(response, () => {
            const lines = [response.answer, ''];
            if (response.citations.length > 0) lines.push('Sources:');
            for (const citation of response.citations) {
              const where = citation.number ?? citation.url ?? citation.kind;
              lines.push(
                `[${citation.n}] ${citation.title} (${where}, ${citation.publishedAt?.slice(0, 10) ?? 'undated'}, ${citation.section})`,
              );
              lines.push(
                `    "${citation.quote.length > 240 ? `${citation.quote.slice(0, 237)}…` : citation.quote}"`,
              );
            }
            return lines.join('\n');
          });
        } finally {
          process.off('SIGINT', onInterrupt);
        }
      });
    });
}
