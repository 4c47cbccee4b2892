import { parseRunFilter, parseRunOrder, RunFilterError } from './run-filter';

describe('parseRunFilter', () => {
  it('reads comparisons joined by and, with numbers and quoted strings', () => {
    expect(parseRunFilter("metrics.val_auc > 0.9 AND params.lr = 1e-3 and tags.team = 'vision' and attributes.status != \"failed\"")).toEqual([
      { scope: 'metrics', key: 'val_auc', comparator: '>', value: 0.9 },
      { scope: 'params', key: 'lr', comparator: '=', value: 0.001 },
      { scope: 'tags', key: 'team', comparator: '=', value: 'vision' },
      { scope: 'attributes', key: 'status', comparator: '!=', value: 'failed' },
    ]);
  });

  it('keeps keys with dots, slashes and dashes, negative numbers and escaped quotes', () => {
    expect(parseRunFilter("metrics.eval/loss-v2 <= -0.5 and params.note = 'it''s'")).toEqual([
      { scope: 'metrics', key: 'eval/loss-v2', comparator: '<=', value: -0.5 },
      { scope: 'params', key: 'note', comparator: '=', value: "it's" },
    ]);
  });

  it('treats an empty filter as no condition', () => {
    expect(parseRunFilter(undefined)).toEqual([]);
    expect(parseRunFilter('   ')).toEqual([]);
  });

  it.each([
    ['metrics.auc >', /number or a quoted string/],
    ['metrics.auc 0.9', /comparison/],
    ["metrics.auc > 'high'", /compares with a number/],
    ['metrics.auc > 1 or params.x = 2', /cannot read/],
    ['metrics.auc > 1 and', /ends with "and"/],
    ['attributes.password = 1', /unknown attribute/],
    ["tags.team > 'a'", /= or !=/],
    ["metrics.auc > 1; DROP TABLE run", /cannot read/],
    ['metrics.auc > 1e999', /not a finite number/],
    ['params.lr = -1e400', /not a finite number/],
    ['lr = 1', /cannot read|expected/],
  ])('refuses %s with a reason', (filter, reason) => {
    expect(() => parseRunFilter(filter)).toThrow(RunFilterError);
    expect(() => parseRunFilter(filter)).toThrow(reason);
  });
});

describe('parseRunOrder', () => {
  it('defaults to the newest runs first', () => {
    expect(parseRunOrder(undefined)).toEqual({ scope: 'attributes', key: 'created_at', direction: 'desc' });
  });

  it('reads a scope, key and direction', () => {
    expect(parseRunOrder('metrics.val_auc desc')).toEqual({ scope: 'metrics', key: 'val_auc', direction: 'desc' });
    expect(parseRunOrder('params.lr')).toEqual({ scope: 'params', key: 'lr', direction: 'asc' });
  });

  it('refuses anything else', () => {
    expect(() => parseRunOrder('metrics.auc sideways')).toThrow(RunFilterError);
    expect(() => parseRunOrder('attributes.secret desc')).toThrow(/unknown attribute/);
  });
});
