import type { Command } from 'commander';
import type { CliContext } from './cli-context';
import { versionsTable } from './format-version';

/** `galley datasets versions NAME`: every version, rejected ones included. */
export function addVersionsCommand(datasets: Command, context: CliContext): void {
  datasets
    .command('versions')
    .description('list the versions of a dataset with their status, size and schema changes')
    .argument('<dataset>', 'the dataset name')
    .option('--json', 'print the versions as JSON')
    .action(async (name: string, options: { json?: boolean }) => {
      const versions = await context.client().listVersions(name);
      const { out } = context.deps;
      if (options.json) {
        out(`${JSON.stringify(versions, null, 2)}\n`);
        return;
      }
      out(versions.length === 0 ? `${name} has no versions yet: add one with "galley datasets push FILE --name ${name}".\n` : `${versionsTable(versions)}\n`);
    });
}
