'use client';

import Link from 'next/link';
import { use } from 'react';
import { NotebookEditor } from '../../../../components/notebook/notebook-editor';
import { ProblemAlert } from '../../../../components/problem-alert';
import { pathFromSegments } from '../../../../lib/notebook/notebook-paths';

export default function NotebookPage({ params }: { params: Promise<{ path: string[] }> }) {
  const { path: segments } = use(params);
  const path = pathFromSegments(segments);
  if (!path) {
    return (
      <section className="page">
        <ProblemAlert message="That is not a notebook path." />
        <Link href="/notebooks">Back to notebooks</Link>
      </section>
    );
  }
  // A new editor (and kernel connection) per notebook, never one reused across paths.
  return <NotebookEditor key={path} path={path} />;
}
