'use client';

import { hasAnyRole } from '@galley/contracts';
import type { FeatureEntity } from '@galley/contracts';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { EntityForm } from '../../../components/features/entity-form';
import { EntitiesTable, ServicesTable, ViewsTable, viewHref } from '../../../components/features/feature-lists';
import { ServiceForm } from '../../../components/features/service-form';
import { ViewForm } from '../../../components/features/view-form';
import { ProblemAlert } from '../../../components/problem-alert';
import { useSession } from '../../../components/session.context';
import { useApiResource } from '../../../components/use-api-resource';
import { emptyViewDraft } from '../../../lib/features-view-form';
import { galleyApi } from '../../../lib/galley-api';

type OpenForm = 'entity' | 'view' | 'service' | null;

export default function FeaturesPage() {
  const { me } = useSession();
  const router = useRouter();
  const canDefine = hasAnyRole(me.principal.roles, ['data-scientist']);
  const entities = useApiResource('features:entities', () => galleyApi.features.listEntities());
  const views = useApiResource('features:views', () => galleyApi.features.listViews());
  const services = useApiResource('features:services', () => galleyApi.features.listServices());
  const [open, setOpen] = useState<OpenForm>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const toggle = (form: Exclude<OpenForm, null>) => {
    setNotice(null);
    setOpen((current) => (current === form ? null : form));
  };

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <h1>Features</h1>
          <p className="muted">Entities, feature views over catalog datasets, and the feature services models read — online and as point-in-time-correct training sets.</p>
        </div>
        <div className="inline-actions">
          {canDefine ? (
            <>
              <button type="button" className="button" onClick={() => toggle('entity')} aria-expanded={open === 'entity'}>
                New entity
              </button>
              <button type="button" className="button" onClick={() => toggle('view')} aria-expanded={open === 'view'}>
                New feature view
              </button>
              <button type="button" className="button" onClick={() => toggle('service')} aria-expanded={open === 'service'}>
                New feature service
              </button>
            </>
          ) : null}
          <Link className="button button-primary" href="/features/training-sets">
            Build a training set
          </Link>
        </div>
      </header>
      {!canDefine ? <p className="muted">Defining entities, views and services needs the data-scientist role.</p> : null}

      {open === 'entity' ? (
        <EntityForm
          onCreated={(entity) => {
            setOpen(null);
            setNotice(`Entity ${entity.name} created, keyed by ${entity.joinKey}.`);
            entities.reload();
          }}
          onCancel={() => setOpen(null)}
        />
      ) : null}
      {open === 'view' ? (
        <NewViewForm
          entities={entities.data ?? []}
          onApplied={(name) => router.push(viewHref(name))}
          onCancel={() => setOpen(null)}
        />
      ) : null}
      {open === 'service' ? (
        <ServiceForm
          views={views.data ?? []}
          onCreated={(service) => {
            setOpen(null);
            setNotice(`Feature service ${service.name} created with ${service.features.length} feature${service.features.length === 1 ? '' : 's'}.`);
            services.reload();
          }}
          onCancel={() => setOpen(null)}
        />
      ) : null}
      {notice ? (
        <p role="status" className="alert alert-success">
          {notice}
        </p>
      ) : null}

      <section className="section-stack" aria-labelledby="views-title">
        <h2 id="views-title">Feature views</h2>
        <ProblemAlert message={views.error} />
        {views.data ? <ViewsTable views={views.data} /> : views.error ? null : <p className="muted">Loading feature views…</p>}
      </section>
      <section className="section-stack" aria-labelledby="entities-title">
        <h2 id="entities-title">Entities</h2>
        <ProblemAlert message={entities.error} />
        {entities.data ? <EntitiesTable entities={entities.data} /> : entities.error ? null : <p className="muted">Loading entities…</p>}
      </section>
      <section className="section-stack" aria-labelledby="services-title">
        <h2 id="services-title">Feature services</h2>
        <ProblemAlert message={services.error} />
        {services.data ? <ServicesTable services={services.data} /> : services.error ? null : <p className="muted">Loading feature services…</p>}
      </section>
    </section>
  );
}

/** The view form with the catalog's dataset names to choose a source from. */
function NewViewForm({ entities, onApplied, onCancel }: { entities: readonly FeatureEntity[]; onApplied: (name: string) => void; onCancel: () => void }) {
  const datasets = useApiResource('features:dataset-names', async () => (await galleyApi.listDatasets({ limit: 500 })).items.map((dataset) => dataset.name));
  return <ViewForm initial={emptyViewDraft()} entities={entities} datasets={datasets.data ?? []} onApplied={(applied) => onApplied(applied.view.name)} onCancel={onCancel} />;
}
