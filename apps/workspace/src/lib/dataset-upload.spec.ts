import type { DatasetVersion } from '@galley/contracts';
import { isGalleyApiError } from '@galley/sdk';
import { UploadCancelledError, uploadMediaType, uploadVersion } from './dataset-upload';
import type { UploadProgress, UploadRequest } from './dataset-upload';

function aVersion(overrides: Partial<DatasetVersion> = {}): DatasetVersion {
  return {
    dataset: 'iris',
    version: 3,
    sha256: 'a'.repeat(64),
    size: 1200,
    format: 'csv',
    rowCount: 150,
    columns: [{ name: 'sepal_length', type: 'DOUBLE', logicalType: 'float', nullable: false }],
    uploader: 'alice',
    createdAt: '2025-01-01T00:00:00.000Z',
    status: 'accepted',
    validation: 'passed',
    schemaChange: null,
    ...overrides,
  };
}

/** Records what the upload sent and answers however the test says. */
class FakeRequest implements UploadRequest {
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: Blob | null = null;
  status = 0;
  statusText = '';
  responseText = '';
  aborted = false;
  readonly upload: UploadRequest['upload'] = { onprogress: null };
  onload: UploadRequest['onload'] = null;
  onerror: UploadRequest['onerror'] = null;
  onabort: UploadRequest['onabort'] = null;

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: Blob) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.onabort?.(progressEvent(0, 0));
  }

  progress(loaded: number, total: number) {
    this.upload.onprogress?.(progressEvent(loaded, total));
  }
  answer(status: number, body: unknown, statusText = '') {
    this.status = status;
    this.statusText = statusText;
    this.responseText = typeof body === 'string' ? body : JSON.stringify(body);
    this.onload?.(progressEvent(0, 0));
  }
}

function progressEvent(loaded: number, total: number): ProgressEvent {
  return { loaded, total, lengthComputable: total > 0 } as ProgressEvent;
}

function aFile(name: string, content = 'a,b\n1,2\n', type = ''): File {
  return new File([content], name, { type });
}

describe('uploading a dataset version', () => {
  it('names the format by extension, whatever the browser guessed', () => {
    expect(uploadMediaType('iris.csv', 'application/vnd.ms-excel')).toBe('text/csv');
    expect(uploadMediaType('IRIS.PARQUET', '')).toBe('application/vnd.apache.parquet');
    expect(uploadMediaType('events.jsonl', '')).toBe('application/x-ndjson');
    expect(uploadMediaType('events.ndjson', 'application/json')).toBe('application/x-ndjson');
  });

  it('leaves an unknown extension to the gateway to refuse', () => {
    expect(uploadMediaType('notes.txt', 'text/plain')).toBe('text/plain');
    expect(uploadMediaType('blob', '')).toBe('application/octet-stream');
  });

  it('PUTs the file itself to the versions of the dataset and reports progress', async () => {
    const request = new FakeRequest();
    const seen: UploadProgress[] = [];
    const file = aFile('iris.csv');

    const upload = uploadVersion({ dataset: 'iris', file, onProgress: (p) => seen.push(p), createRequest: () => request });
    request.progress(4, 8);
    request.progress(8, 8);
    request.answer(201, aVersion());

    await expect(upload).resolves.toEqual({ created: true, version: aVersion() });
    expect(request.method).toBe('PUT');
    expect(request.url).toBe('/api/v1/datasets/iris/versions');
    expect(request.headers['content-type']).toBe('text/csv');
    expect(request.body).toBe(file);
    expect(seen).toEqual([
      { loaded: 4, total: 8 },
      { loaded: 8, total: 8 },
    ]);
  });

  it('tells same bytes (200) from a new version (201)', async () => {
    const request = new FakeRequest();
    const upload = uploadVersion({ dataset: 'iris', file: aFile('iris.csv'), createRequest: () => request });

    request.answer(200, aVersion({ version: 2 }));

    await expect(upload).resolves.toMatchObject({ created: false, version: { version: 2 } });
  });

  it('turns a problem+json answer into an error carrying its detail and code', async () => {
    const request = new FakeRequest();
    const upload = uploadVersion({ dataset: 'iris', file: aFile('huge.csv'), createRequest: () => request });

    request.answer(413, {
      type: 'about:blank',
      title: 'Payload Too Large',
      status: 413,
      detail: 'the upload is larger than the limit of 10 bytes (GALLEY_MAX_UPLOAD_BYTES)',
      code: 'payload_too_large',
    });

    const error: unknown = await upload.catch((reason: unknown) => reason);
    expect(isGalleyApiError(error)).toBe(true);
    expect(error).toMatchObject({ status: 413, code: 'payload_too_large', detail: expect.stringContaining('GALLEY_MAX_UPLOAD_BYTES') });
  });

  it('still names the status when the answer is not a problem document', async () => {
    const request = new FakeRequest();
    const upload = uploadVersion({ dataset: 'iris', file: aFile('iris.csv'), createRequest: () => request });

    request.answer(502, '<html>bad gateway</html>', 'Bad Gateway');

    await expect(upload).rejects.toMatchObject({ status: 502, detail: expect.stringContaining('502 Bad Gateway') });
  });

  it('reports a dropped connection as a network error', async () => {
    const request = new FakeRequest();
    const upload = uploadVersion({ dataset: 'iris', file: aFile('iris.csv'), createRequest: () => request });

    request.onerror?.(progressEvent(0, 0));

    await expect(upload).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('aborts the request when the caller cancels', async () => {
    const request = new FakeRequest();
    const controller = new AbortController();
    const upload = uploadVersion({ dataset: 'iris', file: aFile('iris.csv'), signal: controller.signal, createRequest: () => request });

    controller.abort();

    await expect(upload).rejects.toBeInstanceOf(UploadCancelledError);
    expect(request.aborted).toBe(true);
  });
});
