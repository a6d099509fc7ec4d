import type { LiveInput } from '@onair/core';
import { describe, expect, it, vi } from 'vitest';
import { playbackUrlOf } from './playbackUrls';
import { streamConfig } from './streamConfig';

const uid = (n: number) => n.toString(16).padStart(32, '0');

/** A client whose `get` answers with the playback URLs of one host, counting calls. */
function clientFor(host: string) {
  const get = vi.fn(async (id: string) => ({ uid: id, webRTCPlayback: { url: `${host}/${id}/webRTC/play` } }) as LiveInput);
  return { get };
}

describe('playbackUrlOf', () => {
  it('asks the API once per account, then builds every other input’s URL from the learned host', async () => {
    const config = streamConfig({ ONAIR_SERVER_URL: 'http://127.0.0.1:4100' });
    const client = clientFor('https://customer-abc.cloudflarestream.com');
    expect(await playbackUrlOf(uid(1), config, client)).toBe(`https://customer-abc.cloudflarestream.com/${uid(1)}/webRTC/play`);
    expect(await playbackUrlOf(uid(2), config, client)).toBe(`https://customer-abc.cloudflarestream.com/${uid(2)}/webRTC/play`);
    expect(client.get).toHaveBeenCalledTimes(1);
  });

  it('keeps accounts apart', async () => {
    const a = clientFor('http://a.example');
    const b = clientFor('http://b.example');
    await playbackUrlOf(uid(3), streamConfig({ ONAIR_SERVER_URL: 'http://127.0.0.1:4200', ONAIR_ACCOUNT_ID: 'a' }), a);
    expect(await playbackUrlOf(uid(3), streamConfig({ ONAIR_SERVER_URL: 'http://127.0.0.1:4200', ONAIR_ACCOUNT_ID: 'b' }), b)).toBe(
      `http://b.example/${uid(3)}/webRTC/play`,
    );
  });

  it('asks the API every time when the URL has another form (no host to learn)', async () => {
    const config = streamConfig({ ONAIR_SERVER_URL: 'http://127.0.0.1:4300' });
    const get = vi.fn(async (id: string) => ({ uid: id, webRTCPlayback: { url: `https://signed.example/${id}.token/play` } }) as LiveInput);
    await playbackUrlOf(uid(4), config, { get });
    await playbackUrlOf(uid(5), config, { get });
    expect(get).toHaveBeenCalledTimes(2);
  });

  it('passes the API’s 404 on for an unknown input', async () => {
    const config = streamConfig({ ONAIR_SERVER_URL: 'http://127.0.0.1:4400' });
    const get = vi.fn(async () => {
      throw new Error('404');
    });
    await expect(playbackUrlOf(uid(6), config, { get })).rejects.toThrow('404');
  });
});
