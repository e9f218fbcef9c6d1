import { runCli } from './cli-program.ts';
import { exitAfterCommand } from './exit-after-command.ts';

await runCli(process.argv);
exitAfterCommand();
