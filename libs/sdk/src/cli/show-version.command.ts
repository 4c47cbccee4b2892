import type { Command } from 'commander';
import type { DatasetVersion, ValidationReport } from '@galley/contracts';
import type { GalleyClient } from '../galley-client';
import type { CliContext } from './cli-context';
import { parseDatasetAddress } from './dataset-address';
import { NOT_VALIDATED_HEADING, validationHeading, validationResultLines } from './format-validation';
import { columnsTable, datasetLines, versionLines } from './format-version';

/** `galley datasets show NAME[@VERSION]`: what a version holds and whether it passed its checks. */
export function addShowCommand(datasets: Command, context: CliContext): void {
  datasets
    .command('show')
    .description('show a dataset and one version: status, schema, profile, schema change, validation')
    .argument('<dataset>', 'NAME or NAME@VERSION (a number or latest; latest is the newest version that was not rejected)')
    .option('--json', 'print the dataset, version, profile and validation report as JSON')
    .action(async (address: string, options: { json?: boolean }) => {
      const { name, version: ref } = parseDatasetAddress(address);
      const api = context.client();
      const [dataset, version] = await Promise.all([api.getDataset(name), api.getVersion(name, ref)]);
      // Asked by number from here on: `latest` could move to a newer version between two calls.
      const [profile, validation] = await Promise.all([api.getProfile(name, version.version), validationOf(api, version)]);

      const { out } = context.deps;
      if (options.json) {
        out(`${JSON.stringify({ dataset, version, profile, validation }, null, 2)}\n`);
        return;
      }
      const sections = [
        datasetLines(dataset).join('\n'),
        versionLines(version).join('\n'),
        columnsTable(version, profile),
        validation ? [validationHeading(validation), ...validationResultLines(validation, 'all')].join('\n') : NOT_VALIDATED_HEADING,
      ];
      out(`${sections.join('\n\n')}\n`);
    });
}

/** The report, or null for a version that was never validated (its dataset had no suite). */
async function validationOf(api: GalleyClient, version: DatasetVersion): Promise<ValidationReport | null> {
  if (version.validation === 'not_validated') return null;
  return api.getValidation(version.dataset, version.version);
}
