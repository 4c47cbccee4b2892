/**
 * @jupyterlab/services, loaded only in the browser and only when a notebook page needs it, pointed at
 * the workspace's own origin: `/jupyter/*` goes through the workspace server and the gateway, which
 * checks the session cookie and adds the Jupyter token. The browser never holds that token.
 */
import type { ServerConnection } from '@jupyterlab/services';

export type JupyterServices = typeof import('@jupyterlab/services');

export interface JupyterConnection {
  services: JupyterServices;
  settings: ServerConnection.ISettings;
}

let loading: Promise<JupyterConnection> | null = null;

export function jupyterConnection(): Promise<JupyterConnection> {
  loading ??= import('@jupyterlab/services').then((services) => {
    const { origin, host, protocol } = window.location;
    const settings = services.ServerConnection.makeSettings({
      baseUrl: `${origin}/jupyter/`,
      wsUrl: `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}/jupyter/`,
      init: { credentials: 'same-origin', cache: 'no-store' },
      token: '',
      appendToken: false,
    });
    return { services, settings };
  });
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
