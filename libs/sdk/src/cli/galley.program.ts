import { Command, Option } from 'commander';
import type { Dataset } from '@galley/contracts';
import { GalleyClient } from '../galley-client';
import {
  credentialsPath,
  readCredentials,
  removeCredentials,
  resolveConnection,
  writeCredentials,
} from './credentials.store';
import type { CliContext, CliDeps } from './cli-context';
import { formatTable } from './format-table';
import { formatTime } from './format-units';
import { addFeaturesCommand } from './features.command';
import { addVersionsCommand } from './list-versions.command';
import { collect, positiveInt } from './option-parsers';
import { addPushCommand } from './push-version.command';
import { addShowCommand } from './show-version.command';
import { addJobsCommands } from './jobs.command';
import { addRunsCommands } from './runs.command';

export type { CliDeps } from './cli-context';

export function buildProgram(deps: CliDeps): Command {
  const path = () => credentialsPath(deps.env);
  const client = () => {
    const connection = resolveConnection(deps.env, readCredentials(path()));
    // Every command but login needs a caller; saying so beats a 401 from a default URL.
    if (!connection.token) throw new Error('not signed in: run "galley login" (or set GALLEY_TOKEN)');
    return new GalleyClient({ baseUrl: connection.url, token: connection.token, fetch: deps.fetch });
  };

  const context: CliContext = { deps, client };

  const program = new Command('galley')
    .description("Galley's command line: sign in, work with datasets, train models and search their runs")
    .showHelpAfterError()
    .configureOutput({ writeOut: deps.out, writeErr: deps.err })
    // Commander would call process.exit itself; main decides the exit code instead.
    .exitOverride();

  program
    .command('login')
    .description('sign in and remember the token in your credentials file (mode 0600)')
    .option('--url <url>', 'API origin (default: GALLEY_URL, the stored URL, or http://127.0.0.1:8080)')
    .option('--username <name>', 'user name (prompted when omitted)')
    .action(async (options: { url?: string; username?: string }) => {
      const stored = safeRead(path());
      const url = options.url || deps.env['GALLEY_URL'] || stored?.url || 'http://127.0.0.1:8080';
      const username = options.username || (await deps.promptLine('Username: ')).trim();
      const password = deps.env['GALLEY_PASSWORD'] ?? (await deps.promptSecret('Password: '));
      const api = new GalleyClient({ baseUrl: url, fetch: deps.fetch });
      const session = await api.login({ username, password });
      writeCredentials(path(), { url, token: session.token, username: session.user.username, expiresAt: session.expiresAt });
      deps.out(`Signed in to ${url} as ${session.user.username} (${session.user.roles.join(', ')}); session until ${session.expiresAt}\n`);
    });

  program
    .command('logout')
    .description('end the session and forget the stored token')
    .action(async () => {
      const stored = safeRead(path());
      if (stored) {
        // Forget the token locally even when the server is unreachable: the user asked to sign out.
        try {
          await new GalleyClient({ baseUrl: stored.url, token: stored.token, fetch: deps.fetch }).logout();
        } catch (error) {
          deps.err(`warning: the server did not confirm the logout (${error instanceof Error ? error.message : String(error)})\n`);
        }
      }
      const removed = removeCredentials(path());
      deps.out(removed ? 'Signed out.\n' : 'Not signed in.\n');
    });

  program
    .command('whoami')
    .description('show who the stored token (or GALLEY_TOKEN) signs in as')
    .action(async () => {
      const api = client();
      const me = await api.me();
      const name = me.user?.displayName ? `${me.principal.name} (${me.user.displayName})` : me.principal.name;
      deps.out(`${name}\nkind:  ${me.principal.kind}\nroles: ${me.principal.roles.join(', ')}\n`);
    });

  const datasets = program.command('datasets').description('list, create, push, show datasets and their versions');

  datasets
    .command('list')
    .description('list datasets, newest first')
    .option('--q <text>', 'search names and descriptions')
    .option('--tag <tag>', 'only datasets with this tag')
    .option('--owner <user>', 'only datasets owned by this user')
    .addOption(new Option('--limit <n>', 'at most this many').argParser(positiveInt))
    .option('--json', 'print the raw page as JSON')
    .action(async (options: { q?: string; tag?: string; owner?: string; limit?: number; json?: boolean }) => {
      const page = await client().listDatasets({ q: options.q, tag: options.tag, owner: options.owner, limit: options.limit });
      if (options.json) {
        deps.out(`${JSON.stringify(page, null, 2)}\n`);
        return;
      }
      if (page.items.length === 0) {
        deps.out('No datasets.\n');
        return;
      }
      deps.out(`${datasetTable(page.items)}\n`);
      const shown = page.offset + page.items.length;
      if (shown < page.total || page.offset > 0) {
        deps.out(`\n${page.offset + 1}-${shown} of ${page.total}\n`);
      }
    });

  datasets
    .command('create')
    .description('register a new (empty) dataset')
    .argument('<name>', 'lower-case slug, e.g. churn-2025')
    .option('--description <text>', 'what the data is')
    .option('--tag <tag>', 'a tag; repeat or separate with commas', collect, [])
    .action(async (name: string, options: { description?: string; tag: string[] }) => {
      const dataset = await client().createDataset({ name, description: options.description, tags: options.tag });
      deps.out(`Created dataset ${dataset.name} (owner ${dataset.owner}).\n`);
    });

  addPushCommand(datasets, context);
  addShowCommand(datasets, context);
  addVersionsCommand(datasets, context);
  addJobsCommands(program, context);
  addRunsCommands(program, context);
  addFeaturesCommand(program, context);

  return program;
}

export function datasetTable(items: readonly Dataset[]): string {
  return formatTable(items, [
    { header: 'NAME', cell: (d) => d.name },
    { header: 'OWNER', cell: (d) => d.owner },
    { header: 'TAGS', cell: (d) => d.tags.join(','), maxWidth: 30 },
    { header: 'CREATED', cell: (d) => formatTime(d.createdAt) },
    { header: 'DESCRIPTION', cell: (d) => d.description, maxWidth: 50 },
  ]);
}

function safeRead(path: string) {
  try {
    return readCredentials(path);
  } catch {
    return undefined;
  }
}
