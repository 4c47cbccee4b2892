import { ENTITY_TIMESTAMP_COLUMN, datasetUrn } from '@galley/contracts';
import type { TrainingSet } from '@galley/contracts';
import type { TrainingSetInput } from '@galley/sdk';

/** The "build training set" form as typed. */
export interface TrainingSetDraft {
  /** The catalog dataset holding the entity rows (join keys, event time, labels). */
  entityDataset: string;
  /** `latest` or a version number. */
  entityVersion: string;
  timestampColumn: string;
  selection: 'features' | 'service';
  /** `view:feature` references picked from the list. */
  features: string[];
  service: string;
  output: string;
}

export function emptyTrainingSetDraft(): TrainingSetDraft {
  return { entityDataset: '', entityVersion: 'latest', timestampColumn: ENTITY_TIMESTAMP_COLUMN, selection: 'features', features: [], service: '', output: '' };
}

export type TrainingSetRequestResult = { ok: true; request: TrainingSetInput } | { ok: false; errors: Record<string, string> };

/** The request to send, or the fields that are missing or not numbers. */
export function trainingSetRequest(draft: TrainingSetDraft): TrainingSetRequestResult {
  const errors: Record<string, string> = {};
  const versionText = draft.entityVersion.trim().toLowerCase();
  const version = versionText === '' || versionText === 'latest' ? 'latest' : Number(versionText);
  if (version !== 'latest' && (!Number.isInteger(version) || version < 1)) errors['entities.version'] = 'a version number (1, 2, …) or latest';
  if (draft.selection === 'features' && draft.features.length === 0) errors['features'] = 'pick at least one feature';
  if (draft.selection === 'service' && !draft.service.trim()) errors['featureService'] = 'pick a feature service';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const selection = draft.selection === 'features' ? { features: [...draft.features] } : { featureService: draft.service.trim() };
  return {
    ok: true,
    request: {
      entities: { dataset: draft.entityDataset.trim(), version },
      ...selection,
      timestampColumn: draft.timestampColumn.trim() || ENTITY_TIMESTAMP_COLUMN,
      output: draft.output.trim(),
    },
  };
}

/** Where the built set lives in the catalog: its version's page, on the lineage tab. */
export function trainingSetLinks(set: Pick<TrainingSet, 'dataset' | 'version'>): { page: string; lineage: string; urn: string } {
  const page = `/data/${encodeURIComponent(set.dataset)}?version=${set.version}`;
  return { page, lineage: `${page}&tab=lineage`, urn: datasetUrn(set.dataset, set.version) };
}

/** Codes of a refused training set whose problem belongs to one input. */
export const TRAINING_SET_FIELD_OF_CODE = {
  'catalog.dataset_not_found': 'entities.dataset',
  'catalog.version_not_found': 'entities.version',
  'features.rejected_source': 'entities.version',
  'features.invalid_entity_rows': 'entities.dataset',
  'features.service_not_found': 'featureService',
  'features.feature_not_found': 'features',
} as const;
