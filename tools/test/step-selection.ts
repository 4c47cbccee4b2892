/** What `npm test -- --only …` and `--skip …` can name, in the order they run. */
export const STEP_GROUPS = ['system', 'lint', 'typecheck', 'unit', 'integration', 'e2e'] as const;
export type StepGroup = (typeof STEP_GROUPS)[number];

export const TEST_USAGE = `Usage: npm test [-- --only=GROUPS] [-- --skip=GROUPS]

GROUPS is a comma-separated list of: ${STEP_GROUPS.join(', ')}
  system       install nats-server and chromium when missing (always runs unless skipped: the others need them)
  lint         nx run-many -t lint
  typecheck    tsc --noEmit (root and apps/workspace)
  unit         jest unit project
  integration  jest integration project on SQLite, then on PostgreSQL when one is reachable
  e2e          next build, the platform on free ports, Playwright in Chromium`;

export class SelectionError extends Error {
  override name = 'SelectionError';
}

export interface TestArgs {
  groups: ReadonlySet<StepGroup>;
  help: boolean;
}

function parseGroups(flag: string, value: string | undefined): StepGroup[] {
  if (value === undefined || value.trim() === '') throw new SelectionError(`${flag} needs a list, e.g. ${flag}=lint,unit`);
  return value.split(',').map((raw) => {
    const name = raw.trim();
    if (!(STEP_GROUPS as readonly string[]).includes(name)) {
      throw new SelectionError(`${flag}: unknown step ${JSON.stringify(name)} (known: ${STEP_GROUPS.join(', ')})`);
    }
    return name as StepGroup;
  });
}

/**
 * `--only a,b` runs just those (plus `system`, which the others need, unless it is skipped);
 * `--skip a,b` runs everything else. Both may be given; each may repeat; `=` or a space separates
 * the flag from its list.
 */
export function parseTestArgs(argv: readonly string[]): TestArgs {
  let only: Set<StepGroup> | null = null;
  const skip = new Set<StepGroup>();
  let help = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--help' || arg === '-h') {
      help = true;
      continue;
    }
    const match = /^(--only|--skip)(?:=(.*))?$/.exec(arg);
    if (!match) throw new SelectionError(`Unknown argument ${JSON.stringify(arg)}\n\n${TEST_USAGE}`);
    const flag = match[1] === '--only' ? '--only' : '--skip';
    const value = match[2] ?? argv[++i];
    const groups = parseGroups(flag, value);
    if (flag === '--only') {
      only ??= new Set<StepGroup>(['system']);
      groups.forEach((group) => only?.add(group));
    } else {
      groups.forEach((group) => skip.add(group));
    }
  }
  const selected = STEP_GROUPS.filter((group) => (only === null || only.has(group)) && !skip.has(group));
  return { groups: new Set(selected), help };
}
