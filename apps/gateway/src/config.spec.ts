import { loadGatewayConfig } from './config';

const base = { GALLEY_HOME: '/tmp/galley-config-spec' } as const;

describe('gateway configuration for notebooks', () => {
  it('leaves notebooks off when GALLEY_JUPYTER_URL is unset', () => {
    expect(loadGatewayConfig({ ...base }).GALLEY_JUPYTER_URL).toBeUndefined();
  });

  it('takes a Jupyter URL under /jupyter/ with its token', () => {
    const config = loadGatewayConfig({ ...base, GALLEY_JUPYTER_URL: 'http://127.0.0.1:8888/jupyter/', GALLEY_JUPYTER_TOKEN: 'a'.repeat(32) });
    expect(config.GALLEY_JUPYTER_URL).toBe('http://127.0.0.1:8888/jupyter/');
  });

  it('refuses a Jupyter URL without its token, naming the variable', () => {
    expect(() => loadGatewayConfig({ ...base, GALLEY_JUPYTER_URL: 'http://127.0.0.1:8888/jupyter/' })).toThrow(/GALLEY_JUPYTER_TOKEN: is required/);
  });

  it('refuses a Jupyter URL whose path is not /jupyter/, and garbage', () => {
    expect(() => loadGatewayConfig({ ...base, GALLEY_JUPYTER_URL: 'http://127.0.0.1:8888/', GALLEY_JUPYTER_TOKEN: 'a'.repeat(32) })).toThrow(/path must be \/jupyter\//);
    expect(() => loadGatewayConfig({ ...base, GALLEY_JUPYTER_URL: 'not a url', GALLEY_JUPYTER_TOKEN: 'a'.repeat(32) })).toThrow(/GALLEY_JUPYTER_URL/);
  });
});
