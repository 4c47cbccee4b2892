/** The error banner of a page or form: nothing when there is no message. */
export function ProblemAlert({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="alert alert-error">
      {message}
    </p>
  );
}
