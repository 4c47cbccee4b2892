import { Option, type Command } from 'commander';
import { TableFormatSchema, type DatasetVersion, type TableFormat } from '@galley/contracts';
import type { GalleyClient } from '../galley-client';
import { isGalleyApiError } from '../galley-api.error';
import { inspectUploadFile, uploadInspectedFile, type UploadableFile } from '../node/upload-file';
import type { CliContext } from './cli-context';
import { CliFailure, EXIT_CODES } from './cli-failure';
import { validationHeading, validationResultLines } from './format-validation';
import { versionSummary } from './format-version';
import { formatBytes } from './format-units';
import { collect } from './option-parsers';
import { createUploadProgress } from './upload-progress';

interface PushOptions {
  name: string;
  format?: TableFormat;
  create?: boolean;
  description?: string;
  tag: string[];
}

/** `galley datasets push FILE --name N`: upload a file as a new version and report how it fared. */
export function addPushCommand(datasets: Command, context: CliContext): void {
  datasets
    .command('push')
    .description('upload a CSV, Parquet or JSON Lines file as a new version of a dataset')
    .argument('<file>', 'the file; its extension (.csv, .parquet, .jsonl) names the format unless --format does')
    .requiredOption('--name <dataset>', 'the dataset to add the version to')
    .addOption(new Option('--format <format>', 'the file format (default: from the extension)').choices(TableFormatSchema.options))
    .option('--create', 'create the dataset first when it does not exist')
    .option('--description <text>', 'with --create: what the data is')
    .option('--tag <tag>', 'with --create: a tag; repeat or separate with commas', collect, [])
    .addHelpText('after', '\nExit status: 0 accepted, 1 failed, 3 uploaded but rejected by a blocking expectation.')
    .action(async (path: string, options: PushOptions) => {
      // The file is checked before anything is created or sent, so a typo leaves no empty dataset behind.
      const file = await inspectUploadFile(path, options.format);
      const api = context.client();
      await ensureDataset(api, options, context);
      const { version, created } = await upload(api, options.name, file, context);

      const { out } = context.deps;
      if (!created) out(`Same bytes as version ${version.version} of ${version.dataset}: nothing new was recorded.\n`);
      out(`${versionSummary(version)}\n`);
      await reportValidation(api, version, context);
    });
}

async function ensureDataset(api: GalleyClient, options: PushOptions, context: CliContext): Promise<void> {
  try {
    await api.getDataset(options.name);
    return;
  } catch (error) {
    if (!isGalleyApiError(error) || error.status !== 404) throw error;
  }
  if (!options.create) {
    throw new CliFailure(`there is no dataset "${options.name}": add --create, or run "galley datasets create ${options.name}" first`);
  }
  try {
    await api.createDataset({ name: options.name, description: options.description, tags: options.tag });
    context.deps.out(`Created dataset ${options.name}.\n`);
  } catch (error) {
    // Someone created it between our look and our create: that is what we wanted.
    if (!(isGalleyApiError(error) && error.code === 'catalog.dataset_exists')) throw error;
  }
}

async function upload(api: GalleyClient, dataset: string, file: UploadableFile, context: CliContext) {
  const { deps } = context;
  deps.err(`Uploading ${file.fileName} (${formatBytes(file.size)}, ${file.format}) to ${dataset} …\n`);
  const progress = createUploadProgress({ total: file.size, terminal: deps.stderr, write: deps.err });
  try {
    return await uploadInspectedFile(api, dataset, file, (sent) => progress.update(sent));
  } finally {
    progress.finish();
  }
}

/** Lists failing expectations; a rejected version ends the command with exit status 3. */
async function reportValidation(api: GalleyClient, version: DatasetVersion, context: CliContext): Promise<void> {
  const failures = version.status === 'rejected' || version.validation === 'failed' || version.validation === 'warnings';
  if (!failures) return;
  const report = await api.getValidation(version.dataset, version.version);
  context.deps.out(`${validationHeading(report)}\n${validationResultLines(report, 'failing').join('\n')}\n`);
  if (version.status !== 'rejected') return;
  const blocking = report.results.filter((result) => !result.success && result.expectation.severity === 'blocking').length;
  throw new CliFailure(
    `version ${version.version} of ${version.dataset} was recorded but REJECTED: ${blocking} blocking expectation${blocking === 1 ? '' : 's'} failed, so nothing will consume it. ` +
      'Fix the data and push it again (or change the expectation suite and revalidate the version).',
    EXIT_CODES.rejected,
  );
}
