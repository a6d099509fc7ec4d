import { describe, expect, it } from 'vitest';
import { streamConfig } from './streamConfig';

describe('streamConfig', () => {
  it('talks to Cloudflare when both Cloudflare variables are set', () => {
    expect(streamConfig({ CLOUDFLARE_ACCOUNT_ID: 'acc', CLOUDFLARE_API_TOKEN: 'tok', ONAIR_SERVER_URL: 'http://x' })).toEqual({
      target: 'cloudflare',
      baseUrl: 'https://api.cloudflare.com/client/v4',
      accountId: 'acc',
      apiToken: 'tok',
    });
  });

  it('defaults to the embedded server on 127.0.0.1:8787 with account "local"', () => {
    expect(streamConfig({})).toEqual({
      target: 'local',
      baseUrl: 'http://127.0.0.1:8787/client/v4',
      accountId: 'local',
      apiToken: undefined,
    });
  });

  it('uses the local server settings when only one Cloudflare variable is set', () => {
    expect(
      streamConfig({
        CLOUDFLARE_ACCOUNT_ID: 'acc',
        ONAIR_SERVER_URL: 'http://127.0.0.1:4000/',
        ONAIR_ACCOUNT_ID: 'team',
        ONAIR_API_TOKEN: 'secret',
      }),
    ).toEqual({ target: 'local', baseUrl: 'http://127.0.0.1:4000/client/v4', accountId: 'team', apiToken: 'secret' });
  });

  it('treats blank variables as unset', () => {
    expect(streamConfig({ CLOUDFLARE_ACCOUNT_ID: ' ', CLOUDFLARE_API_TOKEN: 'tok', ONAIR_API_TOKEN: '' })).toMatchObject({
      target: 'local',
      apiToken: undefined,
    });
  });
});
