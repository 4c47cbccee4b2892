import { aptPackagesFor, ensureSystemPackages, installCommandForHumans, MissingSystemPackagesError } from './ensure-system-packages';

describe('ensureSystemPackages', () => {
  it('maps each missing name to its apt package once', () => {
    expect(aptPackagesFor(['chromium', 'nats-server', 'chromium'])).toEqual(['chromium', 'nats-server']);
  });

  it('installs Jupyter with its command line and a pandas kernel, not the server alone', () => {
    expect(aptPackagesFor(['jupyter'])).toEqual(['jupyter-server', 'jupyter-core', 'jupyter-client', 'python3-ipykernel', 'python3-pandas', 'python3-numpy']);
  });

  it('tells a non-root user the exact apt-get command to run', () => {
    expect(installCommandForHumans(['nats-server', 'chromium'])).toBe(
      'sudo apt-get update && sudo apt-get install -y --no-install-recommends nats-server chromium',
    );
    expect(new MissingSystemPackagesError(['chromium']).message).toContain('sudo apt-get install -y --no-install-recommends chromium');
  });

  it('does nothing when no package is asked for', async () => {
    await expect(ensureSystemPackages([], { isRoot: false })).resolves.toBeUndefined();
  });
});
