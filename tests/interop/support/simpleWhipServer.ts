import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { freePort } from '../../support/freePort';
import { startProcess } from './managedProcess';
import { simpleWhipServerDir } from './peers';

/** Meetecho's simple-whip-server (Debian's .deb, unpacked) in front of a Janus instance. */
export interface SimpleWhipServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** Creates a WHIP endpoint that publishes into the VideoRoom `room`; returns its WHIP URL. */
  createEndpoint(id: string, room: number): Promise<string>;
  /** The endpoints it knows, with `enabled: true` while a publisher holds one. */
  endpoints(): Promise<Array<{ id: string; room: number; enabled: boolean }>>;
  output(): string;
  stop(): Promise<void>;
}

const READY_MS = 20_000;
const REST_PATH = '/whip';

export async function startSimpleWhipServer(janusWsUrl: string): Promise<SimpleWhipServer> {
  // Its src/server.js requires ./config.js: run a copy of src/ beside a config written for this run.
  const dir = await mkdtemp(join(tmpdir(), 'onair-simple-whip-server-'));
  await mkdir(join(dir, 'src'));
  for (const file of ['server.js', 'whip-janus.js']) await copyFile(join(simpleWhipServerDir, 'src', file), join(dir, 'src', file));
  const port = await freePort();
  const config = { janus: { address: janusWsUrl }, port, rest: REST_PATH, allowTrickle: true, strictETags: false, iceServers: [] };
  await writeFile(join(dir, 'src/config.js'), `module.exports = ${JSON.stringify(config, null, 2)};\n`);

  const server = startProcess(
    'simple-whip-server',
    process.execPath,
    ['--import', pathToFileURL(join(import.meta.dirname, 'listenOnLoopback.mjs')).href, 'src/server.js'],
    {
      cwd: dir,
      env: {
        ...process.env,
        NODE_PATH: join(simpleWhipServerDir, 'node_modules'),
        NODE_ENV: 'production',
        // What its `npm start` logs: info, warnings and errors.
        DEBUG: 'whip:*,-whip:debug,janus:*,-janus:debug,-janus:vdebug',
      },
    },
  );
  const stop = async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  try {
    await server.waitFor(/WHIP server prototype started/, READY_MS);
    const health = await fetch(`${url}${REST_PATH}/healthcheck`);
    if (!health.ok) throw new Error(`simple-whip-server healthcheck answered ${health.status}`);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    url,
    output: server.output,
    stop,
    async createEndpoint(id, room) {
      const response = await fetch(`${url}${REST_PATH}/create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id, room }),
      });
      if (!response.ok) throw new Error(`simple-whip-server /create answered ${response.status}: ${await response.text()}`);
      return `${url}${REST_PATH}/endpoint/${encodeURIComponent(id)}`;
    },
    async endpoints() {
      const response = await fetch(`${url}${REST_PATH}/endpoints`);
      return (await response.json()) as Array<{ id: string; room: number; enabled: boolean }>;
    },
  };
}
