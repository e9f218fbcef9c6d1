import type { Command } from 'commander';
import { createOutput } from '../cli-output.ts';
import type { Config } from '../config.ts';
import { runDiscoveryEval } from '../eval/run-discovery-eval.ts';

/** `matscout eval discovery --task DIR`. */
export function registerEvalCommand(program: Command, getConfig: () => Config): void {
  const evalCommand = program.command('eval').description('evaluate matscout on a benchmark task');
  evalCommand
    .command('discovery')
    .description('back-test discovery on a task folder (isolated graph; documents up to the cutoff only)')
    .requiredOption('--task <dir>', 'task folder holding task.json (any cutoff, any corpus in that format)')
    .option('--port <n>', 'Bolt port of the isolated instance', '17787')
    .option('--bootstrap <n>', 'bootstrap replicates for the confidence intervals', '1000')
    .option('--json', 'print {task, metrics, baselines, perQuery, …} as JSON')
    .action(async (flags: { task: string; port: string; bootstrap: string; json?: boolean }) => {
      const output = createOutput(Boolean(flags.json));
      const report = await runDiscoveryEval(getConfig(), {
        taskDir: flags.task,
        port: Number(flags.port),
        bootstrapReplicates: Number(flags.bootstrap),
        log: output.info,
      });
      output.result(report, () => {
        const baselines =
          (report.baselines as { baselines?: Record<string, Record<string, number>> })?.baselines ?? {};
        const lines = [
          `task ${report.task.folder} (cutoff ${report.task.cutoff}): ${report.task.queries} queries`,
        ];
        lines.push(`${'method'.padEnd(24)} hits@1 hits@5 hits@10    mrr  rocAuc lift@10`);
        const rows: Array<[string, Record<string, number>]> = [
          ['matscout', report.metrics as unknown as Record<string, number>],
          ...Object.entries(baselines),
        ];
        for (const [name, metrics] of rows) {
          const cell = (key: string) => (metrics[key] ?? Number.NaN).toFixed(3).padStart(6);
          lines.push(
            `${name.padEnd(24)} ${cell('hits@1')} ${cell('hits@5')} ${cell('hits@10')} ${cell('mrr')} ${cell('rocAuc')} ${cell('lift@10')}`,
          );
        }
        if (report.confidence) {
          lines.push(
            `95% bootstrap over queries: mrr ${report.confidence.mrr.low.toFixed(3)}–${report.confidence.mrr.high.toFixed(3)}, rocAuc ${report.confidence.rocAuc.low.toFixed(3)}–${report.confidence.rocAuc.high.toFixed(3)}`,
          );
        }
        return lines.join('\n');
      });
    });
}
