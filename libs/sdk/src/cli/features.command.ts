import { Option, type Command } from 'commander';
import type { CliContext } from './cli-context';
import { CliFailure } from './cli-failure';
import { collect } from './option-parsers';
import { collectEntity, onlineValuesSummary, onlineValuesTable, splitFeatureRefs } from './features-format';

type EntityKey = Record<string, string | number>;

/** `galley features get`: the online values of entities, as a model serving them would see them. */
export function addFeaturesCommand(program: Command, context: CliContext): void {
  const features = program.command('features').description('read feature values from the online store');

  features
    .command('get')
    .description('look up the latest values of entities in the online store, with their status and event time')
    .addOption(new Option('--service <name>', 'the feature service whose features to read').conflicts('features'))
    // No default lists: commander would print "(default: [])" in the help.
    .option('--features <refs>', 'view:feature references, comma-separated or repeated', (value: string, previous?: string[]) => collect(value, previous ?? []))
    .option('--entity <key=value>', 'an entity to look up, e.g. station_id=s-17 (repeat for more; KEY=V,KEY2=W for one row with two join keys)', collectEntity)
    .option('--json', 'print the answer as JSON')
    .action(async (options: { service?: string; features?: string[]; entity?: EntityKey[]; json?: boolean }) => {
      const refs = splitFeatureRefs(options.features ?? []);
      const entities = options.entity ?? [];
      if (!options.service && refs.length === 0) throw new CliFailure('name what to read: --service NAME or --features view:feature[,view:feature…]');
      if (entities.length === 0) throw new CliFailure('name at least one entity: --entity KEY=VALUE, e.g. --entity station_id=s-17');
      const selection = options.service ? { featureService: options.service } : { features: refs };
      const answer = await context.client().features.getOnlineFeatures({ ...selection, entities });

      const { out } = context.deps;
      if (options.json) {
        out(`${JSON.stringify(answer, null, 2)}\n`);
        return;
      }
      out(`${onlineValuesTable(answer)}\n\n${onlineValuesSummary(answer)}\n`);
    });
}
