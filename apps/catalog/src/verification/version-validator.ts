import { Injectable } from '@nestjs/common';
import type { ExpectationResult, TableFormat, ValidationOutcome, VersionStatus } from '@galley/contracts';
import { DomainError } from '@galley/messaging';
import { nowIso } from '@galley/persistence';
import { BlobStore } from '@galley/storage';
import { evaluateExpectations, TabularError } from '@galley/tabular';
import type { ExpectationSuiteEntity } from './expectation-suite.entity';

export interface Verdict {
  status: VersionStatus;
  outcome: ValidationOutcome;
  report: { suiteRevision: number; validatedAt: string; results: ExpectationResult[] } | null;
}

/** Runs a dataset's suite over a stored file and turns the results into the version's status. */
@Injectable()
export class VersionValidator {
  constructor(private readonly blobs: BlobStore) {}

  async judge(suite: ExpectationSuiteEntity | null, sha256: string, format: TableFormat): Promise<Verdict> {
    if (!suite || suite.expectations.length === 0) return { status: 'accepted', outcome: 'not_validated', report: null };
    let results: ExpectationResult[];
    try {
      results = await evaluateExpectations(this.blobs.pathOf(`sha256/${sha256}`), format, suite.expectations);
    } catch (error) {
      if (error instanceof TabularError) throw new DomainError('catalog.malformed_file', `the ${format} file cannot be read: ${error.message}`, { format });
      throw error;
    }
    return { ...verdictOf(results), report: { suiteRevision: suite.revision, validatedAt: nowIso(), results } };
  }
}

/** A failed blocking expectation rejects the version; failed warnings only mark it. */
export function verdictOf(results: readonly ExpectationResult[]): Pick<Verdict, 'status' | 'outcome'> {
  const failed = results.filter((result) => !result.success);
  if (failed.some((result) => result.expectation.severity === 'blocking')) return { status: 'rejected', outcome: 'failed' };
  return { status: 'accepted', outcome: failed.length > 0 ? 'warnings' : 'passed' };
}
