import type { Plugin } from 'vite';

/** The module live stories import: `{ url, accountId }` of the local server, or null where none runs. */
export const LOCAL_SERVER_MODULE = 'virtual:onair-local-server';
const RESOLVED = `\0${LOCAL_SERVER_MODULE}`;
const ACCOUNT_ID = 'storybook';

/**
 * Starts a local @onair/server (in memory, a free port unless ONAIR_SERVER_PORT says) the first time
 * a story needs it — in `pnpm storybook` and in the stories-as-tests run alike — and stops it when
 * Storybook's server closes. A static build gets `null` (no server there).
 */
export function onairServerPlugin(): Plugin {
  let started: Promise<{ url: string; close(): Promise<void> }> | undefined;
  let serving = false;
  const stop = async () => {
    const server = await started?.catch(() => undefined);
    started = undefined;
    await server?.close();
  };
  return {
    name: 'onair-local-server',
    configureServer(server) {
      serving = true;
      server.httpServer?.once('close', () => void stop());
    },
    resolveId: (id) => (id === LOCAL_SERVER_MODULE ? RESOLVED : undefined),
    async load(id) {
      if (id !== RESOLVED) return undefined;
      if (!serving) return 'export default null;';
      started ??= import('../packages/server/src/index.ts').then(({ startOnairServer }) =>
        startOnairServer({ port: Number(process.env.ONAIR_SERVER_PORT ?? 0), host: '127.0.0.1', db: ':memory:', accountId: ACCOUNT_ID, log: () => {} }),
      );
      const { url } = await started;
      return `export default ${JSON.stringify({ url, accountId: ACCOUNT_ID })};`;
    },
    closeBundle: stop,
  };
}
