/** A submitted job's link and status, beside its progress plot: `{ id, name, status, runId, url }`. */
export const JOB_MIME_TYPE = 'application/vnd.galley.job+json';
