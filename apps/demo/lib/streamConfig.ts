/**
 * Where the demo's route handlers manage live inputs. Read on the server only (see liveInputsClient.ts):
 * the API token never reaches the browser.
 */
export type StreamTarget = 'cloudflare' | 'local';

export interface StreamConfig {
  /** `cloudflare` when Cloudflare credentials are set, otherwise the embedded `@onair/server`. */
  readonly target: StreamTarget;
  /** API base, e.g. `https://api.cloudflare.com/client/v4` or `http://127.0.0.1:8787/client/v4`. */
  readonly baseUrl: string;
  readonly accountId: string;
  readonly apiToken: string | undefined;
}

export const CLOUDFLARE_API_BASE = 'https://api.cloudflare.com/client/v4';
export const DEFAULT_LOCAL_SERVER_URL = 'http://127.0.0.1:8787';
// The embedded server accepts any account id unless started with --account-id.
export const DEFAULT_LOCAL_ACCOUNT_ID = 'local';

type Env = Readonly<Record<string, string | undefined>>;

export function streamConfig(env: Env = process.env): StreamConfig {
  const cloudflareAccountId = nonEmpty(env.CLOUDFLARE_ACCOUNT_ID);
  const cloudflareToken = nonEmpty(env.CLOUDFLARE_API_TOKEN);
  if (cloudflareAccountId && cloudflareToken) {
    return { target: 'cloudflare', baseUrl: CLOUDFLARE_API_BASE, accountId: cloudflareAccountId, apiToken: cloudflareToken };
  }
  const serverUrl = (nonEmpty(env.ONAIR_SERVER_URL) ?? DEFAULT_LOCAL_SERVER_URL).replace(/\/+$/, '');
  return {
    target: 'local',
    baseUrl: `${serverUrl}/client/v4`,
    accountId: nonEmpty(env.ONAIR_ACCOUNT_ID) ?? DEFAULT_LOCAL_ACCOUNT_ID,
    apiToken: nonEmpty(env.ONAIR_API_TOKEN),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
