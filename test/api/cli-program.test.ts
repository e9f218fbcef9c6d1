import { describe, expect, it } from 'vitest';
import { buildProgram, commandLoaders, helpProgramFrom, summarizeCommands } from '../../api/cli-program.ts';

describe('the CLI program', () => {
  it('registers only the command asked for, and every command otherwise', async () => {
    expect((await buildProgram('ingest')).commands.map((command) => command.name())).toEqual(['ingest']);
    const all = await buildProgram('no-such-command');
    expect(all.commands.map((command) => command.name())).toEqual(commandLoaders.map(([name]) => name));
    expect(all.commands.map((command) => command.name())).toContain('reextract');
  });

  it('prints the same top-level help from stored summaries as with every command loaded', async () => {
    const full = await buildProgram();
    const stored = helpProgramFrom(JSON.parse(JSON.stringify(summarizeCommands(full))));
    expect(stored.helpInformation()).toBe(full.helpInformation());
    expect(stored.helpInformation()).toMatch(/ingest \[options\] <inputs\.\.\.>/);
    expect(stored.helpInformation()).toMatch(/help \[command\]/);
  });
});
