import { parseWorkspaceServerConfig } from './config';

describe('workspace server config', () => {
  it('reads the port, the gateway and the mode', () => {
    expect(parseWorkspaceServerConfig({ GALLEY_WEB_PORT: '13000', GALLEY_API_URL: 'http://gw:9000/' }, ['--production'])).toEqual({
      port: 13000,
      host: '0.0.0.0',
      apiOrigin: 'http://gw:9000',
      dev: false,
    });
  });

  it('defaults the gateway to the local one', () => {
    expect(parseWorkspaceServerConfig({ GALLEY_WEB_PORT: '3000' }, ['--dev'])).toMatchObject({ apiOrigin: 'http://127.0.0.1:8080', dev: true });
  });

  it('names the variable that is missing or malformed', () => {
    expect(() => parseWorkspaceServerConfig({}, ['--dev'])).toThrow(/GALLEY_WEB_PORT/);
    expect(() => parseWorkspaceServerConfig({ GALLEY_WEB_PORT: '3000', GALLEY_API_URL: 'ftp://x' }, ['--dev'])).toThrow(/GALLEY_API_URL/);
  });

  it('wants exactly one of --dev and --production', () => {
    expect(() => parseWorkspaceServerConfig({ GALLEY_WEB_PORT: '3000' }, [])).toThrow(/--dev\|--production/);
    expect(() => parseWorkspaceServerConfig({ GALLEY_WEB_PORT: '3000' }, ['--dev', '--production'])).toThrow(/--dev\|--production/);
  });
});
