import { afterEach, describe, expect, it, vi } from 'vitest';
import { OnairError, type WhipStatus } from '@onair/core';
import { CameraPublisher } from './cameraPublisher';
import { simulatedDevices } from './simulatedDevices';
import { SimulatedSession } from './simulatedSession';

const fakeStream = () => {
  const track = { stop: vi.fn() };
  return { stream: { getTracks: () => [track] } as unknown as MediaStream, track };
};
const goesLive = () => new SimulatedSession<WhipStatus>({ onStart: [{ status: 'connecting' }, { status: 'live' }], stepMs: 1 });

afterEach(() => vi.unstubAllGlobals());

describe('CameraPublisher', () => {
  it('keeps the camera it took on while live (only the broadcast ending releases it)', async () => {
    const { stream, track } = fakeStream();
    const getUserMedia = vi.fn(async () => stream);
    vi.stubGlobal('navigator', { mediaDevices: { getUserMedia } });
    const session = goesLive();
    const publisher = new CameraPublisher(session, simulatedDevices());
    await publisher.start();
    expect(getUserMedia).toHaveBeenCalledWith({ audio: true, video: true });
    expect(session.getSnapshot()).toMatchObject({ status: 'live', stream });
    expect(track.stop).not.toHaveBeenCalled();
    await publisher.stop();
    expect(track.stop).toHaveBeenCalled();
  });

  it('asks for the remembered devices as ideal (a device that is gone falls back to another)', async () => {
    const getUserMedia = vi.fn(async () => fakeStream().stream);
    vi.stubGlobal('navigator', { mediaDevices: { getUserMedia } });
    const devices = simulatedDevices();
    devices.choose('videoinput', 'usb');
    await new CameraPublisher(goesLive(), devices).start();
    expect(getUserMedia).toHaveBeenCalledWith({ audio: true, video: { deviceId: { ideal: 'usb' } } });
  });

  it('shows connecting while it takes the camera, then the session (never a flash of idle)', async () => {
    const session = goesLive();
    const { stream } = fakeStream();
    let grant: (s: MediaStream) => void = () => {};
    const publisher = new CameraPublisher(session);
    const seen: WhipStatus[] = [];
    publisher.subscribe(() => seen.push(publisher.getSnapshot().status));

    publisher.setGetStream(() => new Promise((resolve) => (grant = resolve)));
    const started = publisher.start();
    expect(publisher.getSnapshot().status).toBe('connecting');
    grant(stream);
    await started;
    expect(publisher.getSnapshot().status).toBe('live');
    expect(seen).not.toContain('idle');
  });

  it('releases the camera and never starts when stopped while the camera is being taken', async () => {
    const session = goesLive();
    const { stream, track } = fakeStream();
    let grant: (s: MediaStream) => void = () => {};
    const publisher = new CameraPublisher(session);

    publisher.setGetStream(() => new Promise((resolve) => (grant = resolve)));
    const started = publisher.start();
    await publisher.stop();
    grant(stream);
    await started;
    expect(track.stop).toHaveBeenCalled();
    expect(session.starts).toBe(0);
    expect(publisher.getSnapshot().status).toBe('idle');
  });

  it("keeps a stream it was given (the caller's tracks stay on)", async () => {
    const session = goesLive();
    const { stream, track } = fakeStream();
    const publisher = new CameraPublisher(session);
    await publisher.start(stream);
    await publisher.stop();
    expect(track.stop).not.toHaveBeenCalled();
  });

  it('releases the camera when the session fails by itself', async () => {
    const session = goesLive();
    const { stream, track } = fakeStream();
    const publisher = new CameraPublisher(session);
    const unsubscribe = publisher.subscribe(() => {});
    publisher.setGetStream(() => Promise.resolve(stream));
    await publisher.start();
    session.set({ status: 'failed', error: new OnairError('network', 'Lost the server') });
    expect(track.stop).toHaveBeenCalled();
    unsubscribe();
  });

  it('shows a start the session refused before starting (no transition of its own) as failed', async () => {
    const session = goesLive();
    const refused = new OnairError('unsupported', 'The stream has no audio or video track to publish');
    const publisher = new CameraPublisher({ ...session, start: () => Promise.reject(refused) });
    await publisher.start(fakeStream().stream);
    expect(publisher.getSnapshot()).toMatchObject({ status: 'failed', error: refused });
    // Nothing runs: stop() leaves the failure on show.
    await publisher.stop();
    expect(publisher.getSnapshot().status).toBe('failed');
  });
});
