'use client';

import { hasAnyRole } from '@galley/contracts';
import type { FeatureView } from '@galley/contracts';
import type { AppliedView } from '@galley/sdk';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { useCallback, useState } from 'react';
import { FeatureStatistics } from '../../../../../components/features/feature-statistics';
import { FreshnessPanel } from '../../../../../components/features/freshness-panel';
import { OnlineLookup } from '../../../../../components/features/online-lookup';
import { ViewDefinition } from '../../../../../components/features/view-definition';
import { ViewForm } from '../../../../../components/features/view-form';
import { ViewRevisions } from '../../../../../components/features/view-revisions';
import { ProblemAlert } from '../../../../../components/problem-alert';
import { useSession } from '../../../../../components/session.context';
import { useApiResource } from '../../../../../components/use-api-resource';
import { draftFromView } from '../../../../../lib/features-view-form';
import { galleyApi } from '../../../../../lib/galley-api';

export default function FeatureViewPage() {
  const { name } = useParams<{ name: string }>();
  return <FeatureViewDetails name={decodedName(name)} />;
}

/** A hand-typed `%` that is not an escape must not crash the page; the API then answers 404. */
function decodedName(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function FeatureViewDetails({ name }: { name: string }) {
  const { me } = useSession();
  const canEdit = hasAnyRole(me.principal.roles, ['data-scientist']);
  const [generation, setGeneration] = useState(0);
  const view = useApiResource(`${name}:view:${generation}`, () => galleyApi.features.getView(name));
  const revisions = useApiResource(`${name}:revisions:${generation}`, () => galleyApi.features.listViewRevisions(name));
  const freshness = useApiResource(`${name}:freshness`, () => galleyApi.features.getFreshness(name));
  const [editing, setEditing] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const reloadFreshness = freshness.reload;
  const onMaterialized = useCallback(() => reloadFreshness(), [reloadFreshness]);

  const onApplied = (applied: AppliedView) => {
    setEditing(false);
    setNotice(applied.created ? `Revision ${applied.view.revision} saved.` : `The definition is unchanged: still revision ${applied.view.revision}.`);
    setGeneration((n) => n + 1);
  };

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <p className="breadcrumb">
            <Link href="/features">Features</Link> / views /
          </p>
          <h1>
            {name} {view.data ? <span className="badge badge-accent">revision {view.data.revision}</span> : null}
          </h1>
        </div>
        {view.data && canEdit && !editing ? (
          <button type="button" className="button" onClick={() => setEditing(true)}>
            Edit definition
          </button>
        ) : null}
      </header>

      <ProblemAlert message={view.error} />
      {notice ? (
        <p role="status" className="alert alert-success">
          {notice}
        </p>
      ) : null}
      {editing && view.data ? <EditViewForm view={view.data} onApplied={onApplied} onCancel={() => setEditing(false)} /> : null}

      {view.data ? (
        <>
          <section className="card" aria-labelledby="definition-title">
            <h2 id="definition-title">Definition</h2>
            <ViewDefinition view={view.data} />
          </section>

          <section className="card" aria-labelledby="freshness-title">
            <h2 id="freshness-title">Online freshness</h2>
            <ProblemAlert message={freshness.error} />
            <FreshnessPanel view={name} freshness={freshness.data} canMaterialize={canEdit} onMaterialized={onMaterialized} />
          </section>

          <section className="card" aria-labelledby="lookup-title">
            <h2 id="lookup-title">Try it: online lookup</h2>
            <OnlineLookup view={view.data} />
          </section>

          <section className="card" aria-labelledby="statistics-title">
            <h2 id="statistics-title">Feature statistics</h2>
            <FeatureStatistics view={view.data} />
          </section>

          <section className="card" aria-labelledby="revisions-title">
            <h2 id="revisions-title">Revisions</h2>
            <ProblemAlert message={revisions.error} />
            {revisions.data ? <ViewRevisions revisions={revisions.data} /> : revisions.error ? null : <p className="muted">Loading revisions…</p>}
          </section>
        </>
      ) : view.error ? null : (
        <p className="muted">Loading the feature view…</p>
      )}
    </section>
  );
}

function EditViewForm({ view, onApplied, onCancel }: { view: FeatureView; onApplied: (applied: AppliedView) => void; onCancel: () => void }) {
  const entities = useApiResource('features:entities', () => galleyApi.features.listEntities());
  return <ViewForm initial={draftFromView(view)} entities={entities.data ?? []} datasets={[]} revising onApplied={onApplied} onCancel={onCancel} />;
}
