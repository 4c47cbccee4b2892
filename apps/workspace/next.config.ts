import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { NextConfig } from 'next';

// Telemetry stays off whether or not the caller exported NEXT_TELEMETRY_DISABLED.
process.env['NEXT_TELEMETRY_DISABLED'] = '1';

/**
 * The tfjs wasm backend's binaries, served from /tfjs-wasm/ so a browser cell never downloads them from
 * a CDN: copied from the installed package (so they always match its JS) whenever dev or build starts.
 */
function copyTfjsWasm(): void {
  const require = createRequire(__filename);
  const dist = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  const target = join(__dirname, 'public', 'tfjs-wasm');
  mkdirSync(target, { recursive: true });
  for (const file of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
    const source = join(dist, 'dist', file);
    const destination = join(target, file);
    const current = (() => {
      try {
        return statSync(destination);
      } catch {
        return null;
      }
    })();
    if (current?.size !== statSync(source).size || current.mtimeMs < statSync(source).mtimeMs) copyFileSync(source, destination);
  }
}
copyTfjsWasm();

const nextConfig: NextConfig = {
  // The libraries ship TypeScript sources (npm workspaces), so Next compiles them with the app.
  transpilePackages: ['@galley/contracts', '@galley/sdk', '@galley/ml'],
  poweredByHeader: false,
  reactStrictMode: true,
  // The API is reached through app/api/[...path]/route.ts at request time, never through build-time
  // rewrites, so one build runs against any GALLEY_API_URL.
};

export default nextConfig;
