import { type Command, Option } from 'commander';
import { type ApiKey, type ApiKeyRole, type ApiKeyStore, apiKeyRoles } from '../../graph/index.ts';
import { CliError, createOutput } from '../cli-output.ts';
import { withAppContext } from '../composition-root.ts';
import type { Config } from '../config.ts';

function formatKeys(keys: ApiKey[]): string {
  if (keys.length === 0) return 'no API keys (create one with `matscout keys create --role researcher`)';
  return keys
    .map(
      (k) =>
        `${k.id}  ${k.role.padEnd(10)}  ${k.name}  created ${k.createdAt}  last used ${k.lastUsedAt ?? 'never'}${k.revokedAt ? `  REVOKED ${k.revokedAt}` : ''}`,
    )
    .join('\n');
}

function withKeyStore<T>(
  config: Config,
  log: (line: string) => void,
  work: (store: ApiKeyStore) => Promise<T>,
): Promise<T> {
  return withAppContext(config, { log }, (context) => work(context.apiKeys));
}

/** `matscout keys create|list|revoke`: API keys, stored hashed; the key is printed once. */
export function registerKeysCommand(program: Command, getConfig: () => Config): void {
  const keys = program.command('keys').description('API keys (create --role R, list, revoke <id>)');

  keys
    .command('create')
    .description('create an API key; it is printed once and only its hash is stored')
    .addOption(
      new Option('--role <role>', 'researcher, reviewer, engineer or admin (admin implies all)')
        .choices(apiKeyRoles)
        .makeOptionMandatory(),
    )
    .option('--name <name>', 'a label to recognise the key by')
    .option('--json', 'print {key, role, id} as JSON')
    .action(async (flags: { role: ApiKeyRole; name?: string; json?: boolean }) => {
      const output = createOutput(Boolean(flags.json));
      const created = await withKeyStore(getConfig(), output.info, (store) =>
        store.createKey({ role: flags.role, name: flags.name }),
      );
      output.info(
        `created ${created.apiKey.id} (role ${created.apiKey.role}); store the key now, it cannot be shown again:`,
      );
      output.result(
        { key: created.key, role: created.apiKey.role, id: created.apiKey.id, name: created.apiKey.name },
        () => created.key,
      );
    });

  keys
    .command('list')
    .description('list keys (ids, roles, last use; never the keys)')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      const output = createOutput(Boolean(flags.json));
      const list = await withKeyStore(getConfig(), output.info, (store) => store.listKeys());
      output.result({ keys: list }, () => formatKeys(list));
    });

  keys
    .command('revoke')
    .description('revoke a key by id; it stops working at once')
    .argument('<id>', 'key id (key_…), as shown by keys list')
    .option('--json', 'print JSON')
    .action(async (id: string, flags: { json?: boolean }) => {
      const output = createOutput(Boolean(flags.json));
      const revoked = await withKeyStore(getConfig(), output.info, (store) => store.revokeKey(id));
      if (!revoked) throw new CliError(`no API key with id '${id}'`, { hint: 'see `matscout keys list`' });
      output.result(
        revoked,
        () => `revoked ${revoked.id} (${revoked.role}, ${revoked.name}) at ${revoked.revokedAt}`,
      );
    });
}
