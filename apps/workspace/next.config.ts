import type { NextConfig } from 'next';

// Telemetry stays off whether or not the caller exported NEXT_TELEMETRY_DISABLED.
process.env['NEXT_TELEMETRY_DISABLED'] = '1';

const nextConfig: NextConfig = {
  // The libraries ship TypeScript sources (npm workspaces), so Next compiles them with the app.
  transpilePackages: ['@galley/contracts', '@galley/sdk'],
  poweredByHeader: false,
  reactStrictMode: true,
  // The API is reached through app/api/[...path]/route.ts at request time, never through build-time
  // rewrites, so one build runs against any GALLEY_API_URL.
};

export default nextConfig;
