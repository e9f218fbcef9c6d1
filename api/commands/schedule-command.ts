import type { Command } from 'commander';
import { InvalidCronError, type ScheduleView, UnknownSourceError } from '../../ingest/index.ts';
import { CliError, createOutput } from '../cli-output.ts';
import { type AppContext, withAppContext } from '../composition-root.ts';
import type { Config } from '../config.ts';
import { createScheduleAdmin } from '../scheduling-services.ts';

const actor = () => `cli:${process.env.USER ?? 'unknown'}`;

const formatSchedule = (schedule: ScheduleView) =>
  `${schedule.id}  ${schedule.enabled ? 'enabled ' : 'disabled'}  "${schedule.cron}"${schedule.timezone ? ` ${schedule.timezone}` : ''}  source ${schedule.sourceId}${schedule.nextRunAt ? `  next ${schedule.nextRunAt}` : ''}`;

async function withAdmin<T>(
  getConfig: () => Config,
  json: boolean,
  work: (service: ReturnType<typeof createScheduleAdmin>, context: AppContext) => Promise<T>,
): Promise<T> {
  try {
    return await withAppContext(getConfig(), { log: createOutput(json).info }, (context) =>
      work(createScheduleAdmin(context), context),
    );
  } catch (error) {
    if (error instanceof InvalidCronError || error instanceof UnknownSourceError)
      throw new CliError(error.message);
    throw error;
  }
}

/** `matscout schedule add|list|enable|disable|rm`. */
export function registerScheduleCommand(program: Command, getConfig: () => Config): void {
  const schedule = program
    .command('schedule')
    .description('cron schedules of declared sources (a running `matscout serve` picks changes up)');

  schedule
    .command('add')
    .description('schedule a source: cron with 5 fields, or 6 with seconds first')
    .requiredOption('--cron <expression>', 'e.g. "0 3 * * 1-5"')
    .requiredOption('--source <id>', 'a declared source id')
    .option('--timezone <zone>', 'IANA time zone (default UTC)')
    .option('--disabled', 'create it disabled')
    .option('--json', 'print JSON')
    .action(
      async (flags: {
        cron: string;
        source: string;
        timezone?: string;
        disabled?: boolean;
        json?: boolean;
      }) => {
        const output = createOutput(Boolean(flags.json));
        const created = await withAdmin(getConfig, output.json, (service) =>
          service.create(
            { cron: flags.cron, source: flags.source, timezone: flags.timezone, enabled: !flags.disabled },
            actor(),
          ),
        );
        output.result(created, () => `created ${formatSchedule(created)}`);
      },
    );

  schedule
    .command('list')
    .description('list schedules with their next run times')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      const output = createOutput(Boolean(flags.json));
      const list = await withAdmin(getConfig, output.json, async (service, context) =>
        (await context.schedules.listSchedules()).map(service.view),
      );
      output.result(list, () =>
        list.length === 0
          ? 'no schedules (add one with `matscout schedule add`)'
          : list.map(formatSchedule).join('\n'),
      );
    });

  for (const [name, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    schedule
      .command(name)
      .description(`${name} a schedule`)
      .argument('<id>', 'schedule id')
      .option('--json', 'print JSON')
      .action(async (id: string, flags: { json?: boolean }) => {
        const output = createOutput(Boolean(flags.json));
        const updated = await withAdmin(getConfig, output.json, (service) =>
          service.update(id, { enabled }, actor()),
        );
        if (!updated) throw new CliError(`no schedule '${id}'`, { hint: 'see `matscout schedule list`' });
        output.result(updated, () => formatSchedule(updated));
      });
  }

  schedule
    .command('rm')
    .description('delete a schedule (its runs stay)')
    .argument('<id>', 'schedule id')
    .option('--json', 'print JSON')
    .action(async (id: string, flags: { json?: boolean }) => {
      const output = createOutput(Boolean(flags.json));
      const removed = await withAdmin(getConfig, output.json, (service) => service.remove(id, actor()));
      if (!removed) throw new CliError(`no schedule '${id}'`, { hint: 'see `matscout schedule list`' });
      output.result({ id, removed }, () => `removed ${id}`);
    });
}
