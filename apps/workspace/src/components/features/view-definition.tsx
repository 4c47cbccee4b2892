'use client';

import type { FeatureView } from '@galley/contracts';
import Link from 'next/link';
import { formatDateTime } from '../../lib/format';
import { formatTtl, sourceLabel } from '../../lib/features-revisions';
import { sourceHref } from './feature-lists';

/** What the current revision says: where the values come from, keyed and timed by what, and its features. */
export function ViewDefinition({ view }: { view: FeatureView }) {
  return (
    <div className="section-stack">
      {view.description ? <p>{view.description}</p> : null}
      <dl className="facts">
        <Fact term="Entity" value={`${view.entity} (${view.joinKey})`} />
        <div>
          <dt>Source</dt>
          <dd className="mono">
            <Link href={sourceHref(view.source)}>{sourceLabel(view.source)}</Link>
          </dd>
        </div>
        <Fact term="Event time" value={view.timestampColumn} mono />
        <Fact term="TTL" value={formatTtl(view.ttlSeconds)} />
        <Fact term="Owner" value={view.owner} />
        <Fact term="Revision" value={`${view.revision}, ${formatDateTime(view.updatedAt)}`} />
      </dl>
      {view.tags.length > 0 ? (
        <p>
          {view.tags.map((tag) => (
            <span key={tag} className="tag tag-static">
              {tag}
            </span>
          ))}
        </p>
      ) : null}
      <table className="table" aria-label={`Features of ${view.name}`}>
        <thead>
          <tr>
            <th scope="col">Feature</th>
            <th scope="col">Reference</th>
            <th scope="col">Source column</th>
            <th scope="col">Type</th>
          </tr>
        </thead>
        <tbody>
          {view.features.map((feature) => (
            <tr key={feature.name}>
              <td className="mono strong">{feature.name}</td>
              <td className="mono small">{`${view.name}:${feature.name}`}</td>
              <td className="mono">{feature.column}</td>
              <td>{feature.type}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Fact({ term, value, mono }: { term: string; value: string; mono?: boolean }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd className={mono ? 'mono' : undefined}>{value}</dd>
    </div>
  );
}
