import type { ReactNode } from 'react';

/** An honest placeholder for an area whose service is not built yet: no sample data pretending to be real. */
export function ComingSoon({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="page">
      <header className="page-header">
        <h1>{title}</h1>
      </header>
      <div className="card coming-soon">
        <p className="badge badge-neutral">Coming in a later release</p>
        <p>{children}</p>
      </div>
    </section>
  );
}
