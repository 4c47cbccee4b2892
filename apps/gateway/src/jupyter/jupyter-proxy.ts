import { Agent, request as httpRequest, STATUS_CODES, type IncomingHttpHeaders, type IncomingMessage, type OutgoingHttpHeaders, type ServerResponse } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Duplex } from 'node:stream';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { hasAnyRole, type CredentialsChanged, type ErrorCode, type Principal, type Role } from '@galley/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { problemDetails } from '../errors/problem';
import { AuthenticateUseCase } from '../identity/auth/authenticate.usecase';
import { CredentialChanges } from '../identity/auth/credential-changes';
import { readCredentialFromHeaders } from '../identity/auth/credentials';
import { sha256Hex } from '../identity/tokens';
import { checkJupyterPath, jupyterArea, JUPYTER_PREFIX, type JupyterArea } from './jupyter-path';
import { allowedJupyterOrigins, originIsAllowed } from './origin-policy';

/** Who may use notebooks: running code on the server is building, so data scientists and up. */
export const NOTEBOOK_ROLES: readonly Role[] = ['data-scientist'];

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Never forwarded in either direction: they describe one connection, not the message. */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding', 'upgrade']);

/**
 * Galley's credentials stay at the gateway (Jupyter gets its own token instead); the browser's origin
 * was checked here, and Jupyter would judge it against its own host, so it is not passed on either.
 */
const NOT_FORWARDED_UP = new Set(['host', 'authorization', 'cookie', 'origin', 'referer', 'forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip']);

/** Jupyter sets a login cookie for a token-authenticated request: it must not reach the browser. */
const NOT_FORWARDED_DOWN = new Set(['set-cookie']);

/** Why a request stops at the gateway; answered as problem+json (on the socket for an upgrade). */
class ProxyRefusal extends Error {
  override name = 'ProxyRefusal';
  constructor(
    readonly code: ErrorCode,
    readonly detail: string,
  ) {
    super(detail);
  }
}

/** Who opened a kernel websocket, and with which credential (its hash). */
interface TunnelOwner {
  principal: Principal;
  tokenHash: string;
}

interface Upstream {
  url: URL;
  token: string;
}

/**
 * The same-origin door to Jupyter: `/jupyter/*` over HTTP and websockets, for signed-in data
 * scientists only. The gateway checks the path, the Origin and the caller BEFORE a byte goes
 * upstream (a websocket upgrade included: the hole of CVE-2024-28179 was upgrades skipping auth),
 * then sends Jupyter's token itself, so the browser never holds it.
 */
@Injectable()
export class JupyterProxy implements BeforeApplicationShutdown {
  private readonly logger = new Logger('JupyterProxy');
  private readonly upstream: Upstream | null;
  private readonly allowedOrigins: string[];
  private readonly agent: Agent;
  /**
   * Open kernel websockets, each with the credential that opened it: a closing gateway would
   * otherwise wait for them, and a revoked credential must not keep running code on a kernel.
   */
  private readonly tunnels = new Map<Duplex, TunnelOwner>();
  private readonly stopListening: () => void;

  constructor(
    private readonly authenticate: AuthenticateUseCase,
    credentialChanges: CredentialChanges,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    this.stopListening = credentialChanges.listen((change) => this.closeTunnelsOf(change));
    this.upstream =
      config.GALLEY_JUPYTER_URL && config.GALLEY_JUPYTER_TOKEN ? { url: new URL(config.GALLEY_JUPYTER_URL), token: config.GALLEY_JUPYTER_TOKEN } : null;
    this.allowedOrigins = allowedJupyterOrigins(config.GALLEY_ALLOWED_ORIGINS, config.GALLEY_WEB_URL);
    const secure = this.upstream?.url.protocol === 'https:';
    this.agent = secure ? new HttpsAgent({ keepAlive: true }) : new Agent({ keepAlive: true });
  }

  beforeApplicationShutdown(): void {
    this.stopListening();
    for (const socket of this.tunnels.keys()) socket.destroy();
    this.tunnels.clear();
    this.agent.destroy();
  }

  /** A logout, a revoked key or a changed user ends the websockets it opened (a client reconnects, and is checked again). */
  private closeTunnelsOf(change: CredentialsChanged): void {
    for (const [socket, owner] of this.tunnels) {
      const owned = 'tokenHash' in change ? owner.tokenHash === change.tokenHash : owner.principal.kind === change.principal.kind && owner.principal.id === change.principal.id;
      if (owned) socket.destroy();
    }
  }

  /** True for the requests this proxy answers (everything else goes on to the API). */
  handles(url: string | undefined): boolean {
    return url !== undefined && url.startsWith(JUPYTER_PREFIX);
  }

  /** Express middleware: registered before the body parsers, so request bodies stream through untouched. */
  readonly middleware = (request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    if (!this.handles(request.url)) {
      next();
      return;
    }
    this.forwardHttp(request, response).catch((error: unknown) => {
      this.logger.error({ err: error }, `${request.method} ${request.url} failed in the proxy`);
      if (!response.headersSent) writeProblem(response, request, 'internal', 'an unexpected error occurred; the request id is in the log');
      else response.destroy();
    });
  };

  /** The HTTP server's `upgrade` listener. */
  readonly upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    socket.on('error', () => socket.destroy());
    if (!this.handles(request.url)) {
      refuseSocket(socket, request, 'not_found', `no websocket at ${(request.url ?? '').split('?')[0]}`);
      return;
    }
    this.forwardUpgrade(request, socket, head).catch((error: unknown) => {
      this.logger.error({ err: error }, `websocket ${request.url} failed in the proxy`);
      refuseSocket(socket, request, 'internal', 'an unexpected error occurred');
    });
  };

  /** Every check, in order; the upstream and the upstream path when the request may go on. */
  private async admit(request: IncomingMessage, kind: 'http' | 'websocket'): Promise<{ upstream: Upstream; path: string; area: JupyterArea; owner: TunnelOwner }> {
    const checked = checkJupyterPath(request.url ?? '');
    if (!checked.ok) throw new ProxyRefusal('malformed_request', `refused path: ${checked.reason}`);
    const area = jupyterArea(checked.path);
    if (!area) throw new ProxyRefusal('not_found', "only Jupyter's API is served under /jupyter/ (api/, files/, kernelspecs/); the workspace is the notebook front end");
    if (!this.upstream) throw new ProxyRefusal('service_unavailable', 'notebooks are not configured on this gateway (GALLEY_JUPYTER_URL is unset)');

    const origin = request.headers.origin;
    const mustCheckOrigin = kind === 'websocket' || !SAFE_METHODS.has(request.method ?? 'GET');
    if (origin !== undefined && mustCheckOrigin && !originIsAllowed(origin, request.headers, this.allowedOrigins)) {
      throw new ProxyRefusal('forbidden', `requests from origin ${origin} may not reach notebooks`);
    }

    const credential = readCredentialFromHeaders(request.headers);
    if (!credential) throw new ProxyRefusal('unauthenticated', 'sign in, or send Authorization: Bearer <session token or API key>');
    const principal = await this.authenticate.execute(credential.token);
    if (!principal) throw new ProxyRefusal('unauthenticated', 'the session or API key is invalid, expired or revoked');
    if (!hasAnyRole(principal.roles, NOTEBOOK_ROLES)) {
      throw new ProxyRefusal('forbidden', `notebooks need one of the roles: ${NOTEBOOK_ROLES.join(', ')}`);
    }
    const path = this.upstream.url.pathname + checked.path.slice(JUPYTER_PREFIX.length);
    return { upstream: this.upstream, path, area, owner: { principal, tokenHash: sha256Hex(credential.token) } };
  }

  private async forwardHttp(request: IncomingMessage, response: ServerResponse): Promise<void> {
    let admitted;
    try {
      admitted = await this.admit(request, 'http');
    } catch (error) {
      if (!(error instanceof ProxyRefusal)) throw error;
      request.resume(); // drain the body we will not forward
      writeProblem(response, request, error.code, error.detail);
      return;
    }
    const { upstream, path, area } = admitted;
    const outgoing = send(upstream.url, {
      method: request.method,
      path,
      headers: forwardedRequestHeaders(request.headers, upstream),
      agent: this.agent,
    });
    outgoing.on('response', (answer) => {
      const status = answer.statusCode ?? 502;
      if (area !== 'files' && isHtml(answer.headers)) {
        // Jupyter's HTML error pages: its front end's, not Galley's. Answer as the API would.
        answer.resume();
        writeProblem(response, request, codeForUpstreamStatus(status), `Jupyter answered ${status} with a page, which Galley does not serve`);
        return;
      }
      const headers = forwardedResponseHeaders(answer.headers, upstream.url);
      if (area === 'files') {
        // A user's file (HTML, SVG…) must never run as a page on Galley's origin: download it, sandboxed.
        headers['content-disposition'] = 'attachment';
        headers['content-security-policy'] = 'sandbox';
        headers['x-content-type-options'] = 'nosniff';
      }
      response.writeHead(status, headers);
      answer.pipe(response);
      answer.on('error', () => response.destroy());
    });
    outgoing.on('error', (error) => {
      if (response.headersSent) {
        response.destroy();
        return;
      }
      this.logger.warn(`${request.method} ${request.url}: Jupyter did not answer (${error.message})`);
      writeProblem(response, request, 'bad_gateway', 'the notebook server (Jupyter) is not answering; try again shortly');
    });
    // The client went away: stop the upstream exchange too.
    response.on('close', () => {
      if (!response.writableFinished) outgoing.destroy();
    });
    request.pipe(outgoing);
  }

  private async forwardUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    let admitted;
    try {
      admitted = await this.admit(request, 'websocket');
    } catch (error) {
      if (!(error instanceof ProxyRefusal)) throw error;
      refuseSocket(socket, request, error.code, error.detail);
      return;
    }
    if (socket.destroyed) return;
    const { upstream, path } = admitted;
    const headers = forwardedRequestHeaders(request.headers, upstream);
    headers['connection'] = 'Upgrade';
    headers['upgrade'] = request.headers.upgrade ?? 'websocket';
    const outgoing = send(upstream.url, { method: 'GET', path, headers, agent: false });

    outgoing.on('upgrade', (answer, upstreamSocket, upstreamHead) => {
      if (socket.destroyed) {
        upstreamSocket.destroy();
        return;
      }
      noDelay(socket);
      noDelay(upstreamSocket);
      socket.write(statusBlock(101, answer.statusMessage, answer.rawHeaders));
      if (upstreamHead.length > 0) socket.write(upstreamHead);
      if (head.length > 0) upstreamSocket.write(head);
      const close = () => {
        socket.destroy();
        upstreamSocket.destroy();
      };
      upstreamSocket.on('error', close);
      socket.on('error', close);
      upstreamSocket.on('close', close);
      socket.on('close', close);
      this.tunnels.set(socket, admitted.owner);
      this.tunnels.set(upstreamSocket, admitted.owner);
      socket.once('close', () => this.tunnels.delete(socket));
      upstreamSocket.once('close', () => this.tunnels.delete(upstreamSocket));
      upstreamSocket.pipe(socket);
      socket.pipe(upstreamSocket);
    });
    // Jupyter answered without upgrading (an unknown kernel: 404): say so in Galley's words, then close.
    outgoing.on('response', (answer) => {
      answer.resume();
      const status = answer.statusCode ?? 502;
      refuseSocket(socket, request, codeForUpstreamStatus(status), `Jupyter did not open the websocket (${status} ${answer.statusMessage ?? ''})`.trim());
    });
    outgoing.on('error', (error) => {
      this.logger.warn(`websocket ${request.url}: Jupyter did not answer (${error.message})`);
      refuseSocket(socket, request, 'bad_gateway', 'the notebook server (Jupyter) is not answering; try again shortly');
    });
    socket.on('close', () => outgoing.destroy());
    outgoing.end();
  }
}

function send(url: URL, options: { method?: string; path: string; headers: OutgoingHttpHeaders; agent: Agent | false }) {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return request({ protocol: url.protocol, hostname: url.hostname, port: url.port, ...options });
}

function noDelay(socket: Duplex): void {
  // Kernel messages are small and latency-bound: never hold one back for Nagle.
  (socket as Duplex & { setNoDelay?: (noDelay: boolean) => void }).setNoDelay?.(true);
}

/** What goes to Jupyter: the client's headers minus hop-by-hop and Galley's credentials, plus the token. */
export function forwardedRequestHeaders(headers: IncomingHttpHeaders, upstream: Upstream): OutgoingHttpHeaders {
  const dropped = new Set([...HOP_BY_HOP, ...NOT_FORWARDED_UP, ...connectionListed(headers)]);
  const forwarded: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !dropped.has(name)) forwarded[name] = value;
  }
  forwarded['host'] = upstream.url.host;
  forwarded['authorization'] = `token ${upstream.token}`;
  return forwarded;
}

/** What goes back to the browser: no hop-by-hop headers, no Jupyter cookies, no upstream address. */
export function forwardedResponseHeaders(headers: IncomingHttpHeaders, upstream: URL): OutgoingHttpHeaders {
  const dropped = new Set([...HOP_BY_HOP, ...NOT_FORWARDED_DOWN, ...connectionListed(headers)]);
  const forwarded: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !dropped.has(name)) forwarded[name] = value;
  }
  const location = headers.location;
  if (location?.startsWith(upstream.origin)) forwarded['location'] = location.slice(upstream.origin.length) || '/';
  return forwarded;
}

function isHtml(headers: IncomingHttpHeaders): boolean {
  return /^\s*(text\/html|application\/xhtml)/i.test(headers['content-type'] ?? '');
}

function connectionListed(headers: IncomingHttpHeaders): string[] {
  const connection = headers.connection;
  return typeof connection === 'string' ? connection.split(',').map((name) => name.trim().toLowerCase()) : [];
}

/** The 101 head for the browser: Jupyter's headers without its cookies. */
function statusBlock(status: number, message: string | undefined, rawHeaders: string[]): string {
  const lines = [`HTTP/1.1 ${status} ${message ?? STATUS_CODES[status] ?? ''}`];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = rawHeaders[index];
    if (NOT_FORWARDED_DOWN.has(name.toLowerCase())) continue;
    lines.push(`${name}: ${rawHeaders[index + 1]}`);
  }
  return `${lines.join('\r\n')}\r\n\r\n`;
}

/** Jupyter's refusal in Galley's codes; a 401/403 from Jupyter means our token is wrong: its fault, not the user's. */
function codeForUpstreamStatus(status: number): ErrorCode {
  if (status === 404) return 'not_found';
  if (status === 400) return 'malformed_request';
  return 'bad_gateway';
}

function problemFor(request: IncomingMessage, code: ErrorCode, detail: string): { status: number; body: string } {
  const problem = problemDetails({ code, detail }, (request.url ?? '').split('?')[0], (request as IncomingMessage & { id?: string }).id);
  return { status: problem.status, body: JSON.stringify(problem) };
}

function writeProblem(response: ServerResponse, request: IncomingMessage, code: ErrorCode, detail: string): void {
  const { status, body } = problemFor(request, code, detail);
  response.writeHead(status, { 'content-type': 'application/problem+json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/** Refuses an upgrade with a plain HTTP answer on the socket, then closes it: nothing was forwarded. */
function refuseSocket(socket: Duplex, request: IncomingMessage, code: ErrorCode, detail: string): void {
  if (socket.destroyed) return;
  const { status, body } = problemFor(request, code, detail);
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    () => socket.destroy(),
  );
}
