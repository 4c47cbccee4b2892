import { Option, type Command } from 'commander';
import type { Experiment, ParamValue, Run } from '@galley/contracts';
import type { CliContext } from './cli-context';
import { formatTable, type Column } from './format-table';
import { formatCount, formatTime } from './format-units';
import { formatMetric } from './job-progress';
import { collect, positiveInt } from './option-parsers';

interface SearchOptions {
  experiment?: string;
  filter?: string;
  orderBy?: string;
  limit?: number;
  metric: string[];
  param: string[];
  json?: boolean;
}

/** Metric columns shown when none are asked for: the one runs are ordered by, then test metrics. */
const DEFAULT_METRIC_COLUMNS = 4;
/** Param columns shown when none are asked for: those whose values differ between the runs shown. */
const DEFAULT_PARAM_COLUMNS = 3;

/** `galley experiments list` and `galley runs search`: experiment tracking from the terminal. */
export function addRunsCommands(program: Command, context: CliContext): void {
  program
    .command('experiments')
    .description('experiments, which group runs')
    .command('list')
    .description('list experiments with their run counts')
    .option('--json', 'print the list as JSON')
    .action(async (options: { json?: boolean }) => {
      const experiments = await context.client().training.listExperiments();
      if (options.json) return context.deps.out(`${JSON.stringify(experiments, null, 2)}\n`);
      context.deps.out(experiments.length === 0 ? 'No experiments.\n' : `${experimentTable(experiments)}\n`);
    });

  const runs = program.command('runs').description('search runs by their metrics, params, tags and attributes');

  runs
    .command('search')
    .description('find runs: --filter "metrics.val_accuracy > 0.8 and params.optimizer = \'adam\'" --order-by "metrics.test_accuracy desc"')
    .option('--experiment <name>', 'only runs of this experiment')
    .option('--filter <expression>', 'comparisons of metrics.<key>, params.<key>, tags.<key>, attributes.<status|name|…> joined by "and"')
    .option('--order-by <order>', 'metrics.<key> desc, params.<key> asc or attributes.created_at desc (the default)')
    .addOption(new Option('--limit <n>', 'at most this many').argParser(positiveInt))
    .option('--metric <key>', 'a metric column; repeat or separate with commas (default: the order-by metric and test metrics)', collect, [])
    .option('--param <key>', 'a param column; repeat or separate with commas (default: params that differ between the runs)', collect, [])
    .option('--json', 'print the raw page as JSON')
    .action(async (options: SearchOptions) => {
      const page = await context.client().training.searchRuns({ experiment: options.experiment, filter: options.filter, orderBy: options.orderBy, limit: options.limit });
      if (options.json) return context.deps.out(`${JSON.stringify(page, null, 2)}\n`);
      if (page.items.length === 0) return context.deps.out('No runs match.\n');
      const metrics = options.metric.length > 0 ? options.metric : defaultMetricColumns(page.items, options.orderBy);
      const params = options.param.length > 0 ? options.param : differingParams(page.items).slice(0, DEFAULT_PARAM_COLUMNS);
      context.deps.out(`${runTable(page.items, metrics, params)}\n`);
      const shown = page.offset + page.items.length;
      if (shown < page.total || page.offset > 0) context.deps.out(`\n${page.offset + 1}-${shown} of ${page.total}\n`);
    });
}

export function experimentTable(items: readonly Experiment[]): string {
  return formatTable(items, [
    { header: 'NAME', cell: (e) => e.name },
    { header: 'RUNS', cell: (e) => formatCount(e.runCount) },
    { header: 'OWNER', cell: (e) => e.owner },
    { header: 'CREATED', cell: (e) => formatTime(e.createdAt) },
    { header: 'DESCRIPTION', cell: (e) => e.description, maxWidth: 50 },
  ]);
}

export function runTable(items: readonly Run[], metrics: readonly string[], params: readonly string[]): string {
  const columns: Array<Column<Run>> = [
    { header: 'RUN', cell: (run) => run.id },
    { header: 'NAME', cell: (run) => run.name, maxWidth: 24 },
    { header: 'STATUS', cell: (run) => run.status },
    ...params.map((key) => ({ header: key, cell: (run: Run) => paramText(run.params[key]), maxWidth: 20 })),
    ...metrics.map((key) => ({ header: key, cell: (run: Run) => (run.metrics[key] === undefined ? '' : formatMetric(run.metrics[key])) })),
    { header: 'CREATED', cell: (run) => formatTime(run.createdAt) },
  ];
  return formatTable(items, columns);
}

/** The metric in `metrics.<key> desc`, then test metrics, as many as fit. */
export function defaultMetricColumns(items: readonly Run[], orderBy: string | undefined): string[] {
  const ordered = /^\s*metrics\.(\S+)/i.exec(orderBy ?? '')?.[1];
  const keys = new Set(items.flatMap((run) => Object.keys(run.metrics)));
  const tests = [...keys].filter((key) => key.startsWith('test_')).sort();
  const chosen = [...(ordered ? [ordered] : []), ...tests.filter((key) => key !== ordered)];
  return chosen.slice(0, DEFAULT_METRIC_COLUMNS);
}

/** Params whose values are not the same in every run, in name order: what tells the runs apart. */
export function differingParams(items: readonly Run[]): string[] {
  const keys = new Set(items.flatMap((run) => Object.keys(run.params)));
  return [...keys].filter((key) => new Set(items.map((run) => paramText(run.params[key]))).size > 1).sort();
}

function paramText(value: ParamValue | undefined): string {
  return value === undefined ? '' : String(value);
}
