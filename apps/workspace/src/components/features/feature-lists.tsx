'use client';

import type { FeatureEntity, FeatureService, FeatureView } from '@galley/contracts';
import Link from 'next/link';
import { formatDateTime } from '../../lib/format';
import { formatTtl, sourceLabel } from '../../lib/features-revisions';

export function viewHref(name: string): string {
  return `/features/views/${encodeURIComponent(name)}`;
}

/** A view's source in the catalog: a fixed version links to that version, `latest` to the dataset. */
export function sourceHref(source: FeatureView['source']): string {
  const base = `/data/${encodeURIComponent(source.dataset)}`;
  return source.version === 'latest' ? base : `${base}?version=${source.version}`;
}

export function ViewsTable({ views }: { views: readonly FeatureView[] }) {
  if (views.length === 0) return <div className="card empty">No feature views yet. Define an entity, then a view over one of its datasets.</div>;
  return (
    <div className="card table-card">
      <table className="table" aria-label="Feature views">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Entity</th>
            <th scope="col">Source</th>
            <th scope="col">Features</th>
            <th scope="col">TTL</th>
            <th scope="col" className="numeric">
              Revision
            </th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {views.map((view) => (
            <tr key={view.name}>
              <td className="mono strong">
                <Link href={viewHref(view.name)}>{view.name}</Link>
              </td>
              <td>
                {view.entity} <span className="muted mono small">({view.joinKey})</span>
              </td>
              <td className="mono">
                <Link href={sourceHref(view.source)}>{sourceLabel(view.source)}</Link>
              </td>
              <td className="wrap mono small">{view.features.map((feature) => feature.name).join(', ')}</td>
              <td className="nowrap">{formatTtl(view.ttlSeconds)}</td>
              <td className="numeric">{view.revision}</td>
              <td className="nowrap">{formatDateTime(view.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function EntitiesTable({ entities }: { entities: readonly FeatureEntity[] }) {
  if (entities.length === 0) return <div className="card empty">No entities yet. An entity names what features describe (a station, a customer) and the column holding its key.</div>;
  return (
    <div className="card table-card">
      <table className="table" aria-label="Entities">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Join key</th>
            <th scope="col">Key type</th>
            <th scope="col">Description</th>
            <th scope="col">Owner</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {entities.map((entity) => (
            <tr key={entity.name}>
              <td className="mono strong">{entity.name}</td>
              <td className="mono">{entity.joinKey}</td>
              <td>{entity.valueType}</td>
              <td className="wrap">{entity.description || <span className="muted">—</span>}</td>
              <td>{entity.owner}</td>
              <td className="nowrap">{formatDateTime(entity.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ServicesTable({ services }: { services: readonly FeatureService[] }) {
  if (services.length === 0) return <div className="card empty">No feature services yet. A service names the features one model reads, online and in training sets.</div>;
  return (
    <div className="card table-card">
      <table className="table" aria-label="Feature services">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Features</th>
            <th scope="col">Description</th>
            <th scope="col">Owner</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {services.map((service) => (
            <tr key={service.name}>
              <td className="mono strong">{service.name}</td>
              <td className="wrap mono small">{service.features.join(', ')}</td>
              <td className="wrap">{service.description || <span className="muted">—</span>}</td>
              <td>{service.owner}</td>
              <td className="nowrap">{formatDateTime(service.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
