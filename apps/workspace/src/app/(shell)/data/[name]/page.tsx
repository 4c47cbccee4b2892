'use client';

import { hasAnyRole } from '@galley/contracts';
import type { Dataset, DatasetVersion } from '@galley/contracts';
import Link from 'next/link';
import { useParams, usePathname, useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useCallback, useState } from 'react';
import { DatasetDetails } from '../../../../components/datasets/dataset-details';
import { ExpectationsEditor } from '../../../../components/datasets/expectations-editor';
import { UploadZone } from '../../../../components/datasets/upload-zone';
import { VersionPanel, isVersionTab } from '../../../../components/datasets/version-panel';
import type { VersionTab } from '../../../../components/datasets/version-panel';
import { VersionsTable } from '../../../../components/datasets/versions-table';
import { ProblemAlert } from '../../../../components/problem-alert';
import { useSession } from '../../../../components/session.context';
import { useApiResource } from '../../../../components/use-api-resource';
import { galleyApi } from '../../../../lib/galley-api';

export default function DatasetPage() {
  const { name } = useParams<{ name: string }>();
  return (
    <Suspense fallback={<p className="muted">Loading…</p>}>
      <DatasetView name={decodedName(name)} />
    </Suspense>
  );
}

/** A hand-typed `%` that is not an escape must not crash the page; the API then answers 404. */
function decodedName(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * The newest version that was not rejected (what `latest` means to every consumer), or the newest of
 * all when every version was rejected.
 */
function defaultVersion(versions: readonly DatasetVersion[]): number | null {
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  return (newestFirst.find((version) => version.status === 'accepted') ?? newestFirst[0])?.version ?? null;
}

function DatasetView({ name }: { name: string }) {
  const { me, isAdmin } = useSession();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const dataset = useApiResource(`${name}:dataset`, () => galleyApi.getDataset(name));
  const versions = useApiResource(`${name}:versions`, () => galleyApi.listVersions(name));
  const [updated, setUpdated] = useState<Dataset | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);

  // The chosen version and tab live in the URL, so a link can point at "the validation of version 4".
  const requested = Number(searchParams.get('version'));
  const tabParam = searchParams.get('tab');
  const tab: VersionTab = isVersionTab(tabParam) ? tabParam : 'profile';
  const list = versions.data ?? [];
  const selected = list.find((version) => version.version === requested) ?? list.find((version) => version.version === defaultVersion(list)) ?? null;

  const navigate = useCallback(
    (next: { version?: number; tab?: VersionTab }) => {
      const params = new URLSearchParams(searchParams.toString());
      if (next.version !== undefined) params.set('version', String(next.version));
      if (next.tab !== undefined) params.set('tab', next.tab);
      router.replace(`${pathname}?${params.toString()}`, { scroll: false });
    },
    [pathname, router, searchParams],
  );

  const shown = updated ?? dataset.data;
  const canEdit = shown !== null && (isAdmin || shown.owner === me.principal.name);
  const canUpload = hasAnyRole(me.principal.roles, ['data-scientist']);

  return (
    <section className="page">
      <header className="page-header">
        <div>
          <p className="breadcrumb">
            <Link href="/data">Data</Link> /
          </p>
          <h1>{name}</h1>
        </div>
      </header>

      <ProblemAlert message={dataset.error} />
      {shown ? <DatasetDetails dataset={shown} canEdit={canEdit} onUpdated={setUpdated} /> : dataset.error ? null : <p className="muted">Loading the dataset…</p>}

      {shown && canUpload ? (
        <UploadZone
          dataset={name}
          onUploaded={(outcome) => {
            versions.reload();
            // A rejected version is not where someone wants to land by default; its link says why it was refused.
            if (outcome.version.status === 'accepted') navigate({ version: outcome.version.version });
          }}
          onShowValidation={(version) => navigate({ version, tab: 'validation' })}
        />
      ) : null}
      {shown && !canUpload ? <p className="muted">Uploading versions needs the data-scientist role.</p> : null}

      {shown ? (
        <section className="section-stack" aria-labelledby="versions-title">
          <h2 id="versions-title">Versions</h2>
          <ProblemAlert message={versions.error} />
          {versions.data ? (
            <VersionsTable versions={versions.data} selected={selected?.version ?? null} onSelect={(version) => navigate({ version })} />
          ) : versions.error ? null : (
            <p className="muted">Loading versions…</p>
          )}
        </section>
      ) : null}

      {shown && selected ? (
        <VersionPanel
          dataset={name}
          version={selected}
          tab={tab}
          onTab={(next) => navigate({ version: selected.version, tab: next })}
          refreshKey={refreshKey}
          onRevalidated={() => versions.reload()}
        />
      ) : null}

      {shown ? (
        <ExpectationsEditor
          dataset={name}
          owner={shown.owner}
          canEdit={canEdit}
          columns={selected?.columns ?? []}
          selectedVersion={selected?.version ?? null}
          onRevalidated={() => {
            versions.reload();
            setRefreshKey((n) => n + 1);
          }}
        />
      ) : null}
    </section>
  );
}
