/**
 * Why a file could not be read as a table. The catalog maps these to its own error codes; a bare
 * DuckDB error never leaves this library.
 */
export type TabularErrorCode =
  /** The bytes are not a valid file of the declared format (ragged CSV, unbalanced quote, binary, bad Parquet). */
  | 'malformed_file'
  /** Zero bytes: there is no table at all (a CSV with only a header is a valid table of 0 rows). */
  | 'empty_file'
  /** The path does not name a readable regular file, or could be misread by DuckDB (glob characters). */
  | 'unreadable_file'
  /** A caller passed an argument out of range (negative offset, limit too large). */
  | 'invalid_argument'
  /** A column the request names (join key, event time, feature) is not in the file. */
  | 'missing_column'
  /** A column used as event time holds neither DATE/TIMESTAMP/TIMESTAMPTZ values nor ISO 8601 text. */
  | 'not_a_timestamp'
  /** Entity rows without a time: a point-in-time lookup needs one per row (`details.rows` counts them). */
  | 'missing_timestamp'
  /** The result would have two columns of the same name (a feature column clashing with an entity-row column). */
  | 'duplicate_column';

export interface TabularErrorDetails {
  /** 1-based line of the file where the problem was found, when DuckDB reports it. */
  line?: number;
  /** The column at fault (`missing_column`, `not_a_timestamp`, `duplicate_column`). */
  column?: string;
  /** The feature view whose source is at fault; absent when it is the entity rows. */
  view?: string;
  /** How many rows are at fault (`missing_timestamp`). */
  rows?: number;
}

export class TabularError extends Error {
  override readonly name = 'TabularError';

  constructor(
    readonly code: TabularErrorCode,
    message: string,
    readonly details: TabularErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
