/**
 * A BIGINT column read as a JS number. PostgreSQL's driver returns BIGINT as a string (it may exceed
 * 2^53); sizes, row counts, steps and epoch times here never do, so they are numbers on both drivers.
 */
export const BIGINT_AS_NUMBER = {
  to: (value: number | null) => value,
  from: (value: string | number | null) => (value === null ? null : Number(value)),
};

export const BIGINT_NUMBER_COLUMN = { type: 'bigint', transformer: BIGINT_AS_NUMBER } as const;
