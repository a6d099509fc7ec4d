import { afterAll, beforeAll } from 'vitest';
import { startOnairServer, type OnairServer, type OnairServerOptions } from '@onair/server';
import type { LiveInput } from '@onair/core';
import { closeAllPeers } from './peer';

/**
 * The server under test. By default every test file starts its own `@onair/server` on a free
 * loopback port with an in-memory database; `ONAIR_CONFORMANCE_URL` (+ `ONAIR_CONFORMANCE_ACCOUNT_ID`,
 * `ONAIR_CONFORMANCE_TOKEN`) points the suite at any other server speaking the same API instead.
 */
export const remoteUrl = process.env.ONAIR_CONFORMANCE_URL?.replace(/\/+$/, '');
export const isRemote = Boolean(remoteUrl);

const LOCAL_ACCOUNT_ID = 'conformance-account';
const LOCAL_TOKEN = 'conformance-token';

// The wire shape is Cloudflare's, as the client library types it.
export type { LiveInput };

export interface Envelope<T = unknown> {
  result: T;
  success: boolean;
  errors: { code: number; message: string }[];
  messages: unknown[];
}

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: Envelope<T>;
}

export interface ServerTarget {
  readonly url: string;
  readonly accountId: string;
  /** The API token the server requires, if any. */
  readonly token: string | undefined;
  /** `…/client/v4/accounts/{accountId}/stream`. */
  readonly streamApi: string;
  /** Calls the Stream API with the bearer token (pass `token: null` to send none). */
  api<T = unknown>(method: string, path: string, options?: { body?: unknown; token?: string | null; raw?: string; contentType?: string }): Promise<ApiResponse<T>>;
  /** Creates a live input that is deleted again after the file's tests. */
  createLiveInput(body?: Record<string, unknown>): Promise<LiveInput>;
  /** Our debug endpoint: sessions the server currently holds. */
  sessions(): Promise<{ whip: { inputUid: string; sessionId: string }[]; whep: { inputUid: string; sessionId: string }[] }>;
}

/** Registers beforeAll/afterAll hooks that provide (and afterwards stop) the server under test. */
export function useServerTarget(localOptions: OnairServerOptions = {}): ServerTarget {
  let server: OnairServer | undefined;
  let url = '';
  let accountId = '';
  let token: string | undefined;
  const created = new Set<string>();

  beforeAll(async () => {
    if (remoteUrl) {
      url = remoteUrl;
      accountId = process.env.ONAIR_CONFORMANCE_ACCOUNT_ID ?? 'local';
      token = process.env.ONAIR_CONFORMANCE_TOKEN || undefined;
      return;
    }
    server = await startOnairServer({
      port: 0,
      host: '127.0.0.1',
      db: ':memory:',
      accountId: LOCAL_ACCOUNT_ID,
      apiToken: LOCAL_TOKEN,
      ...localOptions,
    });
    url = server.url;
    accountId = server.accountId;
    token = localOptions.apiToken ?? LOCAL_TOKEN;
  });

  afterAll(async () => {
    await closeAllPeers();
    if (server) {
      await server.close();
      return;
    }
    // A remote server outlives the suite: leave it as we found it.
    for (const uid of created) await target.api('DELETE', `/live_inputs/${uid}`).catch(() => undefined);
  });

  const target: ServerTarget = {
    get url() {
      return url;
    },
    get accountId() {
      return accountId;
    },
    get token() {
      return token;
    },
    get streamApi() {
      return `${url}/client/v4/accounts/${accountId}/stream`;
    },
    async api<T>(method: string, path: string, options: { body?: unknown; token?: string | null; raw?: string; contentType?: string } = {}) {
      const headers: Record<string, string> = {};
      const bearer = options.token === undefined ? token : options.token;
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      let body: string | undefined = options.raw;
      if (options.body !== undefined) body = JSON.stringify(options.body);
      if (body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
      const response = await fetch(`${target.streamApi}${path}`, { method, headers, body });
      const text = await response.text();
      let parsed: Envelope<T>;
      try {
        parsed = JSON.parse(text) as Envelope<T>;
      } catch {
        throw new Error(`${method} ${path} → ${response.status} with a non-JSON body: ${text.slice(0, 200)}`);
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
    async createLiveInput(body = { meta: { name: 'conformance' } }) {
      const response = await target.api<LiveInput>('POST', '/live_inputs', { body });
      if (response.status !== 200 && response.status !== 201) {
        throw new Error(`creating a live input answered ${response.status}: ${JSON.stringify(response.body)}`);
      }
      created.add(response.body.result.uid);
      return response.body.result;
    },
    async sessions() {
      const response = await fetch(`${url}/_onair/sessions`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
      if (!response.ok) throw new Error(`GET /_onair/sessions → ${response.status}`);
      return (await response.json()) as Awaited<ReturnType<ServerTarget['sessions']>>;
    },
  };
  return target;
}
