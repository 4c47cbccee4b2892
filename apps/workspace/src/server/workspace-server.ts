import type { EventEmitter } from 'node:events';
import { createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, RequestListener, Server, ServerResponse } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import {
  forwardHttpHeaders,
  forwardResponseHeaders,
  forwardUpgradeHeaders,
  hasUnsafeSegments,
  isJupyterPath,
  jupyterUpstreamUrl,
  rawErrorResponse,
  rawResponseHead,
  refusalHead,
  type ForwardedFrom,
} from '../lib/jupyter-proxy';

export interface WorkspaceServerOptions {
  /** The gateway, e.g. http://127.0.0.1:8080; `/jupyter/*` goes there. */
  apiOrigin: string;
  /** Next's request handler (everything that is not /jupyter). */
  nextHandler: RequestListener;
  /**
   * Where Next's own upgrade listener lives (HMR in dev): Next attaches it to the `httpServer` it is
   * given, so it is handed this emitter instead of the real server and sees only the upgrades that are
   * not Jupyter's. Without that, both listeners would get every /jupyter socket.
   */
  nextUpgrades: EventEmitter;
  /** How long the gateway may take to answer a websocket handshake. */
  upgradeTimeoutMs?: number;
}

function forwardedFrom(req: IncomingMessage): ForwardedFrom {
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  return { host: req.headers.host ?? '', proto: encrypted ? 'https' : 'http', remoteAddress: req.socket.remoteAddress };
}

function requestFor(target: URL) {
  return target.protocol === 'https:' ? httpsRequest : httpRequest;
}

function describe(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.message : String(error);
}

/** Streams one /jupyter HTTP request to the gateway and its answer back; a dead gateway is a 502 problem. */
function proxyHttp(apiOrigin: string, req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '/';
  if (hasUnsafeSegments(url)) {
    res.writeHead(400, { 'content-type': 'application/problem+json' });
    res.end(JSON.stringify({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'the path has dot segments or encoded slashes' }));
    return;
  }
  const target = jupyterUpstreamUrl(apiOrigin, url);
  const upstream = requestFor(target)(target, { method: req.method, headers: forwardHttpHeaders(req.headers, forwardedFrom(req)) }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.statusMessage, forwardResponseHeaders(answer.headers));
    answer.pipe(res);
    answer.on('error', () => res.destroy());
  });
  upstream.on('error', (error) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    res.writeHead(502, { 'content-type': 'application/problem+json' });
    res.end(
      JSON.stringify({ type: 'about:blank', title: 'Bad Gateway', status: 502, detail: `Jupyter is unreachable through the gateway (${apiOrigin}): ${describe(error)}` }),
    );
  });
  // The browser going away aborts the forward (a long poll or a large save must not linger).
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

/**
 * Forwards one websocket handshake to the gateway. A 101 joins the two sockets byte for byte; any other
 * answer (the gateway's 401/403 for a missing session or a foreign Origin) is passed to the browser as
 * it came, and the socket closed.
 */
function proxyUpgrade(apiOrigin: string, req: IncomingMessage, socket: Duplex, head: Buffer, timeoutMs: number): void {
  const url = req.url ?? '/';
  socket.on('error', () => socket.destroy());
  if (hasUnsafeSegments(url)) {
    socket.end(rawErrorResponse(400, 'Bad Request', 'the path has dot segments or encoded slashes'));
    return;
  }
  const target = jupyterUpstreamUrl(apiOrigin, url);
  const upstream = requestFor(target)(target, { method: req.method, headers: forwardUpgradeHeaders(req.headers, forwardedFrom(req)) });
  const timer = setTimeout(() => {
    upstream.destroy();
    if (socket.writable) socket.end(rawErrorResponse(504, 'Gateway Timeout', `the gateway did not answer the websocket handshake within ${timeoutMs} ms`));
  }, timeoutMs);

  upstream.on('upgrade', (answer, upstreamSocket, upstreamHead) => {
    clearTimeout(timer);
    socket.write(rawResponseHead(answer.statusCode ?? 101, answer.statusMessage ?? 'Switching Protocols', answer.rawHeaders));
    if (upstreamHead.length > 0) socket.write(upstreamHead);
    if (head.length > 0) upstreamSocket.write(head);
    upstreamSocket.on('error', () => socket.destroy());
    socket.on('error', () => upstreamSocket.destroy());
    upstreamSocket.on('close', () => socket.destroy());
    socket.on('close', () => upstreamSocket.destroy());
    upstreamSocket.pipe(socket);
    socket.pipe(upstreamSocket);
  });
  upstream.on('response', (answer) => {
    clearTimeout(timer);
    socket.write(refusalHead(answer.statusCode ?? 502, answer.statusMessage ?? '', answer.rawHeaders));
    answer.pipe(socket);
  });
  upstream.on('error', (error) => {
    clearTimeout(timer);
    if (socket.writable) socket.end(rawErrorResponse(502, 'Bad Gateway', `Jupyter is unreachable through the gateway (${apiOrigin}): ${describe(error)}`));
  });
  upstream.end();
}

/**
 * The workspace's HTTP server: `/jupyter/*` (requests and websocket upgrades) to the gateway, every
 * other request to Next, every other upgrade (Next's HMR in dev) to Next's own listener.
 */
export function createWorkspaceServer(options: WorkspaceServerOptions): Server {
  const timeoutMs = options.upgradeTimeoutMs ?? 15_000;
  const server = createServer((req, res) => {
    if (isJupyterPath(req.url)) proxyHttp(options.apiOrigin, req, res);
    else options.nextHandler(req, res);
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (isJupyterPath(req.url)) {
      proxyUpgrade(options.apiOrigin, req, socket, head, timeoutMs);
      return;
    }
    if (options.nextUpgrades.listenerCount('upgrade') === 0) {
      // Next attaches its listener on the first page request; before that no upgrade is Next's.
      socket.end(rawErrorResponse(404, 'Not Found', 'no websocket is served at this path'));
      return;
    }
    options.nextUpgrades.emit('upgrade', req, socket, head);
  });
  return server;
}
