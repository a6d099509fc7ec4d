import { OnairError } from '@onair/core';
import { describe, expect, it, vi } from 'vitest';
import { describeApiError } from './describeApiError';
import { streamConfig } from './streamConfig';

const local = streamConfig({ ONAIR_SERVER_URL: 'http://127.0.0.1:9999' });
const cloudflare = streamConfig({ CLOUDFLARE_ACCOUNT_ID: 'acc', CLOUDFLARE_API_TOKEN: 'tok' });

describe('describeApiError', () => {
  it('names the local server to start when it is unreachable', () => {
    expect(describeApiError(new OnairError('network', 'fetch failed'), local)).toEqual({
      status: 503,
      kind: 'unreachable',
      message: expect.stringContaining('http://127.0.0.1:9999'),
    });
  });

  it('maps an API 404 to not-found', () => {
    expect(describeApiError(new OnairError('api', 'not found', { status: 404 }), local)).toMatchObject({ status: 404, kind: 'not-found' });
  });

  it('points at the token variable of the current target on 401/403', () => {
    expect(describeApiError(new OnairError('api', 'no', { status: 401 }), local).message).toContain('ONAIR_API_TOKEN');
    expect(describeApiError(new OnairError('api', 'no', { status: 403 }), cloudflare).message).toContain('CLOUDFLARE_API_TOKEN');
  });

  it('reports other API failures as a bad gateway with the API message', () => {
    expect(describeApiError(new OnairError('api', 'quota exceeded', { status: 429 }), cloudflare)).toEqual({
      status: 502,
      kind: 'api',
      message: 'The Stream API failed: quota exceeded',
    });
  });

  it('hides unexpected errors from the browser and logs them', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(describeApiError(new Error('secret detail'), local)).toEqual({
      status: 500,
      kind: 'internal',
      message: 'Something went wrong on the demo server; see its log.',
    });
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });
});
