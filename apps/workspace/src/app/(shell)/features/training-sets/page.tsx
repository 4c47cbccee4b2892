'use client';

import { hasAnyRole } from '@galley/contracts';
import type { TrainingSet } from '@galley/contracts';
import Link from 'next/link';
import { useState } from 'react';
import { TrainingSetForm } from '../../../../components/features/training-set-form';
import { TrainingSetResult } from '../../../../components/features/training-set-result';
import { ProblemAlert } from '../../../../components/problem-alert';
import { useSession } from '../../../../components/session.context';
import { useApiResource } from '../../../../components/use-api-resource';
import { galleyApi } from '../../../../lib/galley-api';

export default function TrainingSetsPage() {
  const { me } = useSession();
  const canBuild = hasAnyRole(me.principal.roles, ['data-scientist']);
  const views = useApiResource('features:views', () => galleyApi.features.listViews());
  const services = useApiResource('features:services', () => galleyApi.features.listServices());
  const datasets = useApiResource('features:dataset-names', async () => (await galleyApi.listDatasets({ limit: 500 })).items.map((dataset) => dataset.name));
  const [built, setBuilt] = useState<TrainingSet | null>(null);

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <p className="breadcrumb">
            <Link href="/features">Features</Link> /
          </p>
          <h1>Training sets</h1>
          <p className="muted">
            Each entity row gets the latest value of each feature at or before its own event time (and within the view’s TTL), never a value from its future.
          </p>
        </div>
      </header>
      <ProblemAlert message={views.error ?? services.error} />
      {canBuild ? (
        <TrainingSetForm views={views.data ?? []} services={services.data ?? []} datasets={datasets.data ?? []} onBuilt={setBuilt} />
      ) : (
        <p className="muted">Building training sets needs the data-scientist role.</p>
      )}
      {built ? <TrainingSetResult key={`${built.dataset}@${built.version}`} set={built} /> : null}
    </section>
  );
}
