'use client';

import { useRef, useState } from 'react';
import type { DragEvent } from 'react';
import { ACCEPTED_EXTENSIONS, UploadCancelledError, uploadVersion } from '../../lib/dataset-upload';
import type { UploadOutcome } from '../../lib/dataset-upload';
import { formatBytes, formatCount } from '../../lib/format';
import { errorMessage } from '../../lib/galley-api';
import { ProblemAlert } from '../problem-alert';
import { ProgressBar } from '../progress-bar';

type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading'; fileName: string; loaded: number; total: number }
  /** Every byte is sent; the gateway is hashing and the catalog profiling and validating. */
  | { phase: 'processing'; fileName: string; total: number }
  | { phase: 'done'; outcome: UploadOutcome }
  | { phase: 'failed'; fileName: string; message: string };

/**
 * Drop a file (or pick one) to upload it as the next version. The bytes stream to the gateway through
 * the workspace proxy; the bar shows bytes sent, then stays (striped) while the server profiles.
 */
export function UploadZone({
  dataset,
  onUploaded,
  onShowValidation,
}: {
  dataset: string;
  onUploaded: (outcome: UploadOutcome) => void;
  onShowValidation: (version: number) => void;
}) {
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const [dragging, setDragging] = useState(false);
  const cancelRef = useRef<AbortController | null>(null);
  const busy = state.phase === 'uploading' || state.phase === 'processing';

  const start = async (file: File) => {
    if (busy) return;
    const controller = new AbortController();
    cancelRef.current = controller;
    setState({ phase: 'uploading', fileName: file.name, loaded: 0, total: file.size });
    try {
      const outcome = await uploadVersion({
        dataset,
        file,
        signal: controller.signal,
        onProgress: ({ loaded, total }) =>
          setState(
            loaded >= total
              ? { phase: 'processing', fileName: file.name, total }
              : { phase: 'uploading', fileName: file.name, loaded, total },
          ),
      });
      setState({ phase: 'done', outcome });
      onUploaded(outcome);
    } catch (error) {
      if (error instanceof UploadCancelledError) {
        setState({ phase: 'idle' });
        return;
      }
      setState({ phase: 'failed', fileName: file.name, message: errorMessage(error) });
    } finally {
      cancelRef.current = null;
    }
  };

  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void start(file);
  };

  return (
    <section className="card section-stack" aria-labelledby="upload-title">
      <h2 id="upload-title">Upload a new version</h2>
      <div
        className="dropzone"
        data-dragging={dragging}
        data-upload-phase={state.phase}
        onDragOver={(event) => {
          // Without preventDefault the browser opens the dropped file instead of handing it to us.
          event.preventDefault();
          event.dataTransfer.dropEffect = busy ? 'none' : 'copy';
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <p>
          Drop a CSV, Parquet or JSON Lines file here, or{' '}
          <label className="button button-small">
            Choose a file
            <input
              type="file"
              className="visually-hidden"
              accept={ACCEPTED_EXTENSIONS.join(',')}
              disabled={busy}
              onChange={(event) => {
                const file = event.target.files?.[0];
                // Clearing the input lets the same file be chosen again after a failure.
                event.target.value = '';
                if (file) void start(file);
              }}
            />
          </label>
        </p>
        <p className="muted small">Same bytes as an existing version create nothing new. Versions that break a blocking expectation are kept but rejected.</p>
        {state.phase === 'uploading' || state.phase === 'processing' ? (
          <UploadProgress state={state} onCancel={() => cancelRef.current?.abort()} />
        ) : null}
      </div>
      {state.phase === 'done' ? <UploadResult outcome={state.outcome} onShowValidation={onShowValidation} /> : null}
      {state.phase === 'failed' ? <ProblemAlert message={`${state.fileName} was not uploaded: ${state.message}`} /> : null}
    </section>
  );
}

function UploadProgress({
  state,
  onCancel,
}: {
  state: Extract<UploadState, { phase: 'uploading' | 'processing' }>;
  onCancel: () => void;
}) {
  const uploading = state.phase === 'uploading';
  const percent = uploading ? (state.total > 0 ? (state.loaded / state.total) * 100 : 0) : 100;
  const text = uploading
    ? `Uploading ${state.fileName}: ${formatBytes(state.loaded)} of ${formatBytes(state.total)}`
    : `${state.fileName} uploaded (${formatBytes(state.total)}); hashing, profiling and validating…`;
  return (
    <div className="section-stack" style={{ width: '100%', alignItems: 'center' }}>
      <ProgressBar label="Upload progress" percent={percent} valueText={text} />
      <p className="small" aria-live="polite">
        {text}
      </p>
      {uploading ? (
        <button type="button" className="button button-small" onClick={onCancel}>
          Cancel upload
        </button>
      ) : null}
    </div>
  );
}

function UploadResult({ outcome, onShowValidation }: { outcome: UploadOutcome; onShowValidation: (version: number) => void }) {
  const { version } = outcome;
  if (!outcome.created) {
    return (
      <p role="status" className="alert alert-warning">
        These bytes are already version {version.version}; nothing new was stored.
      </p>
    );
  }
  if (version.status === 'rejected') {
    return (
      <p role="status" className="alert alert-error">
        Version {version.version} was stored but <strong>rejected</strong>: a blocking expectation failed, so no feature view or training
        run will use it.{' '}
        <button type="button" className="link-button" onClick={() => onShowValidation(version.version)}>
          See the validation of version {version.version}
        </button>
      </p>
    );
  }
  return (
    <p role="status" className="alert alert-success">
      Version {version.version} created: {formatCount(version.rowCount)} rows, {version.columns.length} columns, {formatBytes(version.size)}
      {version.validation === 'warnings' ? (
        <>
          {' '}
          — accepted with warnings.{' '}
          <button type="button" className="link-button" onClick={() => onShowValidation(version.version)}>
            See the warnings
          </button>
        </>
      ) : (
        '.'
      )}
    </p>
  );
}
