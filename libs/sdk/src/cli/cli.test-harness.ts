// Runs the CLI in-process for tests: output captured, credentials in a temp folder, and HTTP answered
// by `answer` (a fake fetch for unit tests) or by a real server when `fetch` is left to the global one.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliHarness {
  run(...args: string[]): Promise<CliRun>;
  /** Requests made through the fake fetch, as "METHOD path". */
  requests: string[];
  /** The JSON body of each request, parsed (undefined for a request without one), in the same order. */
  bodies: unknown[];
  cleanup(): void;
}

export function cliHarness(options: { env?: Record<string, string>; answer?: (method: string, path: string) => Response } = {}): CliHarness {
  const configHome = mkdtempSync(join(tmpdir(), 'galley-cli-'));
  const requests: string[] = [];
  const bodies: unknown[] = [];
  const answer = options.answer;
  const fakeFetch: typeof fetch | undefined = answer
    ? async (input, init) => {
        const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
        const method = init?.method ?? 'GET';
        requests.push(`${method} ${url.pathname}${url.search}`);
        bodies.push(typeof init?.body === 'string' ? JSON.parse(init.body) : undefined);
        return answer(method, url.pathname);
      }
    : undefined;
  return {
    requests,
    bodies,
    cleanup: () => rmSync(configHome, { recursive: true, force: true }),
    run: async (...args) => {
      let stdout = '';
      let stderr = '';
      const code = await runCli(['node', 'galley', ...args], {
        env: { XDG_CONFIG_HOME: configHome, GALLEY_TOKEN: 'tok', ...options.env },
        out: (text) => (stdout += text),
        err: (text) => (stderr += text),
        promptLine: async () => '',
        promptSecret: async () => '',
        fetch: fakeFetch,
      });
      return { code, stdout, stderr };
    },
  };
}

export function jsonResponse(body: unknown, status = 200): Response {
  const contentType = status < 300 ? 'application/json' : 'application/problem+json';
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': contentType } });
}

export function notFound(detail: string): Response {
  return jsonResponse({ type: 'about:blank', title: 'Not Found', status: 404, detail, code: 'catalog.dataset_not_found' }, 404);
}
