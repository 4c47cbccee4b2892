import type { NextRequest } from 'next/server';
import {
  apiOrigin,
  forwardRequestHeaders,
  forwardResponseHeaders,
  unreachableProblem,
  upstreamUrl,
} from '../../../lib/api-proxy';

// The target comes from the environment of the running server, and every answer is per-request.
export const dynamic = 'force-dynamic';

async function proxy(request: NextRequest): Promise<Response> {
  const origin = apiOrigin(process.env);
  const target = upstreamUrl(origin, request.nextUrl.pathname, request.nextUrl.search);
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== null;
  const init: RequestInit & { duplex?: 'half' } = {
    method: request.method,
    headers: forwardRequestHeaders(request.headers, {
      host: request.headers.get('host') ?? request.nextUrl.host,
      proto: request.nextUrl.protocol.replace(/:$/, ''),
    }),
    // A redirect is the gateway's answer to the browser, not something to follow here.
    redirect: 'manual',
    signal: request.signal,
    cache: 'no-store',
  };
  if (hasBody) {
    // Stream uploads through instead of buffering them (dataset files can be large).
    init.body = request.body;
    init.duplex = 'half';
  }

  let upstream: Response;
  try {
    upstream = await fetch(target, init);
  } catch (error) {
    const reason = describe(error);
    return Response.json(unreachableProblem(origin, reason), {
      status: 502,
      headers: { 'content-type': 'application/problem+json', 'cache-control': 'no-store' },
    });
  }
  return new Response(upstream.body, {
    status: upstream.status,
    statusText: upstream.statusText,
    headers: forwardResponseHeaders(upstream.headers),
  });
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause: unknown = error.cause;
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return typeof code === 'string' ? code : cause.message;
  }
  return error.message;
}

export const GET = proxy;
export const HEAD = proxy;
export const POST = proxy;
export const PUT = proxy;
export const PATCH = proxy;
export const DELETE = proxy;
export const OPTIONS = proxy;
