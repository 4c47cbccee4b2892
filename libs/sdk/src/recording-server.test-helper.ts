// A real HTTP server for the SDK's upload tests: it counts and hashes what arrives, so a test proves
// what went over the wire rather than what a fake fetch was handed.
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedUpload {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  bytes: number;
  sha256: string;
}

export interface Answer {
  status: number;
  body: unknown;
  /** Answer as soon as the headers arrive, without reading the body (as the gateway does for a 404). */
  beforeReadingBody?: boolean;
}

export interface RecordingServer {
  baseUrl: string;
  received: ReceivedUpload[];
  /** Called when a request's headers arrive, before any of its body is read. */
  onHeaders: (() => void) | undefined;
  close(): Promise<void>;
}

export async function startRecordingServer(answer: (request: IncomingMessage) => Answer): Promise<RecordingServer> {
  const server: RecordingServer = { baseUrl: '', received: [], onHeaders: undefined, close: async () => undefined };
  const http = createServer((request: IncomingMessage, response: ServerResponse) => {
    server.onHeaders?.();
    const reply = answer(request);
    const send = () => {
      response.writeHead(reply.status, { 'content-type': reply.status < 300 ? 'application/json' : 'application/problem+json' });
      response.end(JSON.stringify(reply.body));
    };
    if (reply.beforeReadingBody) {
      send();
      return;
    }
    const hash = createHash('sha256');
    let bytes = 0;
    request.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      hash.update(chunk);
    });
    request.on('end', () => {
      server.received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, bytes, sha256: hash.digest('hex') });
      send();
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  server.baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  server.close = () =>
    new Promise<void>((resolve) => {
      http.closeAllConnections();
      http.close(() => resolve());
    });
  return server;
}
