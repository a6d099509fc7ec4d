import { fetchFailed, OnairError } from './errors';

export interface LiveInputBody {
  meta?: Record<string, unknown>;
  enabled?: boolean;
  defaultCreator?: string;
  deleteRecordingAfterDays?: number | null;
  recording?: {
    mode?: 'off' | 'automatic';
    timeoutSeconds?: number;
    requireSignedURLs?: boolean;
    allowedOrigins?: string[] | null;
    hideLiveViewerCount?: boolean;
  };
}

export interface LiveInputSummary {
  uid: string;
  created: string;
  modified: string;
  meta: Record<string, unknown>;
  deleteRecordingAfterDays: number | null;
  enabled: boolean;
}

/** A Cloudflare Stream live input (fields other servers leave null are typed nullable). */
export interface LiveInput extends LiveInputSummary {
  status: string | null;
  recording: Required<NonNullable<LiveInputBody['recording']>>;
  /** WHIP endpoint: the secret in its path is the publish credential, give it only to the creator. */
  webRTC: { url: string };
  /** WHEP endpoint (public unless signed URLs are required). */
  webRTCPlayback: { url: string };
  rtmps: { url: string; streamKey: string } | null;
  rtmpsPlayback: { url: string; streamKey: string } | null;
  srt: { url: string; streamId: string; passphrase: string } | null;
  srtPlayback: { url: string; streamId: string; passphrase: string } | null;
  [field: string]: unknown;
}

export interface LiveInputsClientOptions {
  accountId: string;
  apiToken?: string;
  /** Default https://api.cloudflare.com/client/v4 (for @onair/server: `${server.url}/client/v4`). */
  baseUrl?: string;
  fetch?: typeof fetch;
}

interface Envelope<T> {
  result: T;
  success: boolean;
  errors?: { code: number; message: string }[];
}

/** Cloudflare Stream live-inputs API, for server-side code (keeps the API token off the browser). */
export class LiveInputsClient {
  constructor(private readonly options: LiveInputsClientOptions) {}

  create(body: LiveInputBody = {}, init?: { signal?: AbortSignal }): Promise<LiveInput> {
    return this.call('POST', '', body, init?.signal);
  }

  get(uid: string, init?: { signal?: AbortSignal }): Promise<LiveInput> {
    return this.call('GET', `/${encodeURIComponent(uid)}`, undefined, init?.signal);
  }

  list(init?: { signal?: AbortSignal }): Promise<{ liveInputs: LiveInputSummary[]; range: number; total: number }> {
    return this.call('GET', '', undefined, init?.signal);
  }

  /** Cloudflare updates with PUT and the create body. */
  update(uid: string, body: LiveInputBody, init?: { signal?: AbortSignal }): Promise<LiveInput> {
    return this.call('PUT', `/${encodeURIComponent(uid)}`, body, init?.signal);
  }

  async delete(uid: string, init?: { signal?: AbortSignal }): Promise<void> {
    await this.call('DELETE', `/${encodeURIComponent(uid)}`, undefined, init?.signal);
  }

  private async call<T>(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    const { accountId, apiToken, baseUrl = 'https://api.cloudflare.com/client/v4', fetch: doFetch = globalThis.fetch } = this.options;
    const url = `${baseUrl.replace(/\/$/, '')}/accounts/${encodeURIComponent(accountId)}/stream/live_inputs${path}`;
    const headers: Record<string, string> = {};
    if (apiToken) headers.Authorization = `Bearer ${apiToken}`;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
    } catch (error) {
      throw fetchFailed(error, false, signal);
    }
    const text = await response.text();
    let envelope: Envelope<T> | undefined;
    try {
      envelope = text ? (JSON.parse(text) as Envelope<T>) : undefined;
    } catch {
      // Not the envelope (a proxy's HTML error page, say): reported below with the status.
    }
    if (response.ok && (envelope?.success ?? method === 'DELETE')) return envelope?.result as T;
    const errors = envelope?.errors ?? [];
    const detail = errors.map((e) => `${e.message} (${e.code})`).join('; ') || text.slice(0, 200) || response.statusText;
    throw new OnairError('api', `Stream API ${method} live_inputs${path} failed: HTTP ${response.status}: ${detail}`, {
      status: response.status,
      problem: errors,
    });
  }
}
