/** What a signed-in user without the needed role sees: the reason, not an empty page. */
export function Forbidden({ what }: { what: string }) {
  return (
    <section className="page">
      <header className="page-header">
        <h1>403 — Not allowed</h1>
      </header>
      <div className="card" role="alert">
        <p>
          {what} is for administrators only. Ask an admin if you need access.
        </p>
      </div>
    </section>
  );
}
