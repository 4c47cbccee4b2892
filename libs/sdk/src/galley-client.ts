import {
  ApiKeyListSchema,
  CreatedApiKeySchema,
  DatasetPageSchema,
  DatasetSchema,
  DatasetVersionListSchema,
  DatasetVersionSchema,
  ExpectationSuiteSchema,
  LineageGraphSchema,
  RecordedLineageSchema,
  RowsPageSchema,
  TableProfileSchema,
  ValidationReportSchema,
  LoginResponseSchema,
  MeResponseSchema,
  PlatformHealthSchema,
  UserListSchema,
  UserSchema,
} from '@galley/contracts';
import type {
  ApiKey,
  ChangePasswordRequest,
  CreateApiKeyRequest,
  CreateDatasetRequest,
  CreatedApiKey,
  CreateUserRequest,
  Dataset,
  DatasetPage,
  DatasetVersion,
  ExpectationInput,
  ExpectationSuite,
  LineageDirection,
  LineageEdgeInput,
  LineageGraph,
  RecordedLineage,
  RegisteredVersion,
  RowsPage,
  TableFormat,
  TableProfile,
  UpdateDatasetRequest,
  ValidationReport,
  VersionRef,
  ListDatasetsQuery,
  LoginRequest,
  LoginResponse,
  MeResponse,
  PlatformHealth,
  UpdateUserRequest,
  User,
} from '@galley/contracts';
import { errorFromResponse, GalleyApiError } from './galley-api.error';
import { FeaturesApi } from './features/features.client';
import { formatFromFileName, MEDIA_TYPE_OF_FORMAT } from './table-format';
import { TrainingApi } from './training/training.client';
import { countingStream, isBlob, type CountedBody, type UploadSource } from './upload-body';

export interface GalleyClientOptions {
  /** Origin of the API, e.g. `http://127.0.0.1:8080`; `''` for same-origin use in a browser. */
  baseUrl: string;
  /** Bearer token or API key; without one the browser's session cookie authenticates. */
  token?: string;
  /** Injected for tests and non-standard runtimes; defaults to the global fetch. */
  fetch?: typeof fetch;
  credentials?: RequestCredentials;
}

/** What `listDatasets` accepts: every field optional, the server applies its defaults. */
export type ListDatasetsInput = Partial<ListDatasetsQuery>;

/** What `createDataset` accepts: description and tags default on the server. */
export type CreateDatasetInput = Pick<CreateDatasetRequest, 'name'> & Partial<Omit<CreateDatasetRequest, 'name'>>;

export interface UploadVersionOptions {
  /** csv, parquet or jsonl; may be left out when the source is a File whose name says it. */
  format?: TableFormat;
  /**
   * The source's length in bytes (a Blob's is known). Sent as Content-Length, so the gateway refuses a
   * file over its limit before a byte is sent, and passed to `onProgress` as the total.
   */
  size?: number;
  /**
   * Called as the body is sent with the bytes so far. A Blob is handed to fetch whole (the one way
   * every browser uploads over HTTP/1.1), so for a Blob it is called only at the start and the end.
   */
  onProgress?: (sent: number, total: number | undefined) => void;
}

interface Parser<T> {
  parse(value: unknown): T;
}

interface RequestOptions {
  body?: unknown;
  /** A body sent as is (an upload) instead of JSON. */
  raw?: { body: BodyInit; contentType: string; contentLength?: number };
  query?: Record<string, string | number | undefined>;
  /** Statuses other than 2xx whose body is still an answer (health's 503). */
  acceptStatuses?: readonly number[];
}

interface SentRequest {
  url: string;
  response: Response;
  bodyText: string;
}

const API_PREFIX = '/api/v1';

/** Typed client of Galley's REST API. Every response is parsed with its contract schema. */
export class GalleyClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly credentials: RequestCredentials | undefined;
  private token: string | undefined;

  /** Entities, feature views and services, training sets, materialization and online values. */
  readonly features = new FeaturesApi(async (method, path, schema, body) => {
    const { url, response, bodyText } = await this.send(method, path, { body });
    return { status: response.status, value: parseAnswer(method, url, response.status, bodyText, schema) };
  });

  /** Experiments, runs and their metrics, training jobs (and their live events), trainers. */
  readonly training = new TrainingApi({
    request: (method, path, schema, options) => this.request(method, path, schema, options),
    openEventStream: (path, signal) => this.openEventStream(path, signal),
  });

  constructor(options: GalleyClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    // The global fetch must be called unbound from window in browsers, hence the wrapper.
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.credentials = options.credentials;
    this.token = options.token;
  }

  /** The bearer token in use (set by the constructor or by `login`). */
  get currentToken(): string | undefined {
    return this.token;
  }

  /** The platform's health; a 503 (some service down) is an answer, not an error. */
  health(): Promise<PlatformHealth> {
    return this.request('GET', '/health', PlatformHealthSchema, { acceptStatuses: [503] });
  }

  /** Signs in; later calls from this client carry the returned token. */
  async login(credentials: LoginRequest): Promise<LoginResponse> {
    const response = await this.request('POST', '/auth/login', LoginResponseSchema, { body: credentials });
    this.token = response.token;
    return response;
  }

  async logout(): Promise<void> {
    await this.requestNoContent('POST', '/auth/logout');
    this.token = undefined;
  }

  me(): Promise<MeResponse> {
    return this.request('GET', '/auth/me', MeResponseSchema);
  }

  changePassword(body: ChangePasswordRequest): Promise<void> {
    return this.requestNoContent('POST', '/auth/password', { body });
  }

  async listUsers(): Promise<User[]> {
    return (await this.request('GET', '/users', UserListSchema)).items;
  }

  createUser(body: CreateUserRequest): Promise<User> {
    return this.request('POST', '/users', UserSchema, { body });
  }

  updateUser(id: string, body: UpdateUserRequest): Promise<User> {
    return this.request('PATCH', `/users/${encodeURIComponent(id)}`, UserSchema, { body });
  }

  async listApiKeys(): Promise<ApiKey[]> {
    return (await this.request('GET', '/api-keys', ApiKeyListSchema)).items;
  }

  /** Creates a key; the secret in the answer is never shown again. */
  createApiKey(body: CreateApiKeyRequest): Promise<CreatedApiKey> {
    return this.request('POST', '/api-keys', CreatedApiKeySchema, { body });
  }

  revokeApiKey(id: string): Promise<void> {
    return this.requestNoContent('DELETE', `/api-keys/${encodeURIComponent(id)}`);
  }

  createDataset(body: CreateDatasetInput): Promise<Dataset> {
    return this.request('POST', '/datasets', DatasetSchema, { body });
  }

  listDatasets(query: ListDatasetsInput = {}): Promise<DatasetPage> {
    return this.request('GET', '/datasets', DatasetPageSchema, { query: { ...query } });
  }

  getDataset(name: string): Promise<Dataset> {
    return this.request('GET', `/datasets/${encodeURIComponent(name)}`, DatasetSchema);
  }

  updateDataset(name: string, body: UpdateDatasetRequest): Promise<Dataset> {
    return this.request('PATCH', `/datasets/${encodeURIComponent(name)}`, DatasetSchema, { body });
  }

  async listVersions(name: string): Promise<DatasetVersion[]> {
    return (await this.request('GET', `${datasetPath(name)}/versions`, DatasetVersionListSchema)).items;
  }

  getVersion(name: string, version: VersionRef = 'latest'): Promise<DatasetVersion> {
    return this.request('GET', versionPath(name, version), DatasetVersionSchema);
  }

  getProfile(name: string, version: VersionRef = 'latest'): Promise<TableProfile> {
    return this.request('GET', `${versionPath(name, version)}/profile`, TableProfileSchema);
  }

  previewRows(name: string, version: VersionRef = 'latest', page: { offset?: number; limit?: number } = {}): Promise<RowsPage> {
    return this.request('GET', `${versionPath(name, version)}/rows`, RowsPageSchema, { query: { ...page } });
  }

  getValidation(name: string, version: VersionRef = 'latest'): Promise<ValidationReport> {
    return this.request('GET', `${versionPath(name, version)}/validation`, ValidationReportSchema);
  }

  /** Checks a version again against the current expectation suite (after the suite changed). */
  revalidate(name: string, version: VersionRef): Promise<ValidationReport> {
    return this.request('POST', `${versionPath(name, version)}/revalidate`, ValidationReportSchema);
  }

  getExpectations(name: string): Promise<ExpectationSuite> {
    return this.request('GET', `${datasetPath(name)}/expectations`, ExpectationSuiteSchema);
  }

  putExpectations(name: string, expectations: ExpectationInput[]): Promise<ExpectationSuite> {
    return this.request('PUT', `${datasetPath(name)}/expectations`, ExpectationSuiteSchema, { body: { expectations } });
  }

  /**
   * Uploads a new version of a dataset, streaming the source: nothing reads the whole file into memory.
   * `created` is false when the same bytes already were a version (the server answered 200 with it).
   * A version that fails a blocking expectation is still recorded, with `status: 'rejected'`.
   */
  async uploadVersion(name: string, source: UploadSource, options: UploadVersionOptions = {}): Promise<RegisteredVersion> {
    const format = options.format ?? (isBlob(source) && 'name' in source ? formatFromFileName(String(source.name)) : undefined);
    if (!format) throw new TypeError('uploadVersion: name the format (csv, parquet or jsonl): it cannot be read from this source');
    const total = options.size ?? (isBlob(source) ? source.size : undefined);
    const report = options.onProgress ?? (() => undefined);
    report(0, total);

    let raw: NonNullable<RequestOptions['raw']>;
    let counted: CountedBody | undefined;
    let sourceError: { error: unknown } | undefined;
    if (isBlob(source)) {
      raw = { body: source, contentType: MEDIA_TYPE_OF_FORMAT[format] };
    } else {
      counted = countingStream(source, {
        onProgress: (sent) => report(sent, total),
        onSourceError: (error) => (sourceError = { error }),
      });
      raw = { body: counted.stream, contentType: MEDIA_TYPE_OF_FORMAT[format], contentLength: total };
    }
    let sent: SentRequest;
    try {
      sent = await this.send('PUT', `${datasetPath(name)}/versions`, { raw });
    } catch (error) {
      // A file that could not be read is the caller's problem to fix, not the network's.
      throw sourceError ? sourceError.error : error;
    } finally {
      await counted?.release();
    }
    const { url, response, bodyText } = sent;
    if (isBlob(source)) report(source.size, total);
    const version = parseAnswer('PUT', url, response.status, bodyText, DatasetVersionSchema);
    return { version, created: response.status === 201 };
  }

  recordLineage(edges: Array<Pick<LineageEdgeInput, 'from' | 'to'> & { relation?: string }>): Promise<RecordedLineage> {
    return this.request('POST', '/lineage/edges', RecordedLineageSchema, { body: { edges } });
  }

  getLineage(urn: string, query: { direction?: LineageDirection; depth?: number } = {}): Promise<LineageGraph> {
    return this.request('GET', `/lineage/${encodeURIComponent(urn)}`, LineageGraphSchema, { query: { ...query } });
  }

  private async request<T>(method: string, path: string, schema: Parser<T>, options: RequestOptions = {}): Promise<T> {
    const { url, response, bodyText } = await this.send(method, path, options);
    return parseAnswer(method, url, response.status, bodyText, schema);
  }

  private async requestNoContent(method: string, path: string, options: RequestOptions = {}): Promise<void> {
    await this.send(method, path, options);
  }

  /** A GET whose body is a stream of server-sent events; EventSource could not send the bearer token. */
  private async openEventStream(path: string, signal?: AbortSignal): Promise<{ url: string; body: ReadableStream<Uint8Array> }> {
    const url = `${this.baseUrl}${API_PREFIX}${path}`;
    const headers: Record<string, string> = { accept: 'text/event-stream, application/problem+json' };
    if (this.token) headers['authorization'] = `Bearer ${this.token}`;
    const init: RequestInit = { method: 'GET', headers, signal };
    if (this.credentials) init.credentials = this.credentials;
    let response: Response;
    try {
      response = await this.fetchImpl(url, init);
    } catch (cause) {
      if (signal?.aborted) throw cause;
      throw new GalleyApiError({ status: 0, code: 'network_error', title: 'Network error', detail: `could not reach the Galley API at ${url}: ${describeFailure(cause)}`, url, method: 'GET', cause });
    }
    if (!response.ok) throw errorFromResponse({ method: 'GET', url }, response.status, response.statusText, await response.text().catch(() => ''));
    if (!response.body) throw invalidResponse('GET', url, response.status, 'the event stream has no body', undefined);
    return { url, body: response.body };
  }

  private async send(method: string, path: string, options: RequestOptions): Promise<SentRequest> {
    const url = `${this.baseUrl}${API_PREFIX}${path}${queryString(options.query)}`;
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
    if (this.token) headers['authorization'] = `Bearer ${this.token}`;
    // `duplex` is not yet in the DOM typings; Node's fetch requires it for a streamed body.
    const init: RequestInit & { duplex?: 'half' } = { method, headers };
    if (this.credentials) init.credentials = this.credentials;
    if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    if (options.raw) {
      headers['content-type'] = options.raw.contentType;
      if (options.raw.contentLength !== undefined) headers['content-length'] = String(options.raw.contentLength);
      init.body = options.raw.body;
      if (options.raw.body instanceof ReadableStream) {
        init.duplex = 'half';
        // To be able to follow a redirect, fetch tees the body and keeps one branch that is never read,
        // so every byte sent stays in memory (nodejs/undici#4058). A stream can never be sent twice
        // anyway: refusing redirects skips the tee.
        init.redirect = 'error';
      }
    }

    let response: Response;
    let bodyText: string;
    try {
      response = await this.fetchImpl(url, init);
      bodyText = await response.text();
    } catch (cause) {
      const reason = describeFailure(cause);
      throw new GalleyApiError({
        status: 0,
        code: 'network_error',
        title: 'Network error',
        detail: `could not reach the Galley API at ${url}: ${reason}`,
        url,
        method,
        cause,
      });
    }
    const accepted = response.ok || (options.acceptStatuses ?? []).includes(response.status);
    if (!accepted) throw errorFromResponse({ method, url }, response.status, response.statusText, bodyText);
    return { url, response, bodyText };
  }
}

function parseAnswer<T>(method: string, url: string, status: number, bodyText: string, schema: Parser<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(bodyText);
  } catch (cause) {
    throw invalidResponse(method, url, status, 'the body is not JSON', cause);
  }
  try {
    return schema.parse(json);
  } catch (cause) {
    throw invalidResponse(method, url, status, 'the body does not match the contract', cause);
  }
}

function datasetPath(name: string): string {
  return `/datasets/${encodeURIComponent(name)}`;
}

function versionPath(name: string, version: VersionRef): string {
  return `${datasetPath(name)}/versions/${encodeURIComponent(String(version))}`;
}

function queryString(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    // Empty strings are "no filter" in a search form; sending `q=` would be a filter for nothing.
    if (value === undefined || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Node's fetch says only "fetch failed"; the useful part (ECONNREFUSED…) is in its cause. */
function describeFailure(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause);
  const inner: unknown = cause.cause;
  if (inner instanceof Error) {
    const code = (inner as Error & { code?: unknown }).code;
    return `${cause.message} (${typeof code === 'string' ? code : inner.message})`;
  }
  return cause.message;
}

function invalidResponse(method: string, url: string, status: number, reason: string, cause: unknown): GalleyApiError {
  return new GalleyApiError({
    status,
    code: 'invalid_response',
    title: 'Unexpected response',
    detail: `${method} ${url} answered ${status}, but ${reason}`,
    url,
    method,
    cause,
  });
}
