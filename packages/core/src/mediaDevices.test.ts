import { afterEach, expect, it, vi } from 'vitest';
import { getDisplayMedia, getUserMedia } from './mediaDevices';

afterEach(() => vi.unstubAllGlobals());

const failWith = (name: string) => vi.fn(async () => Promise.reject(new DOMException('x', name)));

it.each([
  ['NotAllowedError', 'permission-denied'],
  ['SecurityError', 'permission-denied'],
  ['NotFoundError', 'device-not-found'],
  ['OverconstrainedError', 'device-not-found'],
  ['NotReadableError', 'device-in-use'],
  ['TypeError', 'unsupported'],
])('maps %s to kind %s', async (name, kind) => {
  vi.stubGlobal('navigator', { mediaDevices: { getUserMedia: failWith(name), getDisplayMedia: failWith(name) } });
  await expect(getUserMedia()).rejects.toMatchObject({ kind });
  await expect(getDisplayMedia()).rejects.toMatchObject({ kind });
});

it('asks for camera and microphone by default and returns the stream', async () => {
  const stream = {};
  const gum = vi.fn(async () => stream);
  vi.stubGlobal('navigator', { mediaDevices: { getUserMedia: gum } });
  expect(await getUserMedia()).toBe(stream);
  expect(gum).toHaveBeenCalledWith({ audio: true, video: true });
});

it('says what is missing where there is no mediaDevices (insecure page, server)', async () => {
  vi.stubGlobal('navigator', {});
  await expect(getUserMedia()).rejects.toMatchObject({ kind: 'unsupported', message: expect.stringContaining('HTTPS') });
});
