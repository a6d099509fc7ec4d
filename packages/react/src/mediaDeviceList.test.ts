import { describe, expect, it, vi } from 'vitest';
import { OnairError } from '@onair/core';
import { MediaDeviceList, type DeviceSource } from './mediaDeviceList';

const camera = (label: string) => ({ deviceId: label ? 'cam' : '', kind: 'videoinput', label, groupId: '' }) as MediaDeviceInfo;

function source(devices: () => MediaDeviceInfo[]) {
  const target = new EventTarget();
  return Object.assign(target, { enumerateDevices: vi.fn(async () => devices()) }) satisfies DeviceSource;
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('MediaDeviceList', () => {
  it('lists on first subscribe, follows devicechange, and stops listening after the last unsubscribe', async () => {
    let devices = [camera('')];
    const devicesSource = source(() => devices);
    const list = new MediaDeviceList({ source: () => devicesSource, permissions: () => undefined, storage: () => null });
    expect(list.getSnapshot().status).toBe('loading');

    const unsubscribe = list.subscribe(() => {});
    await settle();
    expect(list.getSnapshot()).toMatchObject({ status: 'ready', labelled: false });

    devices = [camera('Front camera'), camera('USB camera')];
    devicesSource.dispatchEvent(new Event('devicechange'));
    await settle();
    expect(list.getSnapshot()).toMatchObject({ labelled: true });
    expect(list.getSnapshot().devices).toHaveLength(2);

    unsubscribe();
    devicesSource.dispatchEvent(new Event('devicechange'));
    await settle();
    expect(devicesSource.enumerateDevices).toHaveBeenCalledTimes(2);
  });

  it('gets labels after permission and releases the probe stream at once', async () => {
    let granted = false;
    const stop = vi.fn();
    const list = new MediaDeviceList({
      source: () => source(() => [camera(granted ? 'Front camera' : '')]),
      requestAccess: async () => {
        granted = true;
        return { getTracks: () => [{ stop }] } as unknown as MediaStream;
      },
    });
    await list.requestPermission({ video: true });
    expect(list.getSnapshot()).toMatchObject({ status: 'ready', labelled: true });
    expect(stop).toHaveBeenCalled();
  });

  it('shows a refused permission as a typed error', async () => {
    const denied = new OnairError('permission-denied', 'Camera access was denied');
    const list = new MediaDeviceList({ source: () => source(() => []), requestAccess: () => Promise.reject(denied) });
    await list.requestPermission();
    expect(list.getSnapshot()).toMatchObject({ status: 'failed', error: denied });
  });

  it('types a browser error from an app’s own requestAccess by its name (a busy camera is not a refusal)', async () => {
    const busy = new DOMException('Could not start video source', 'NotReadableError');
    const list = new MediaDeviceList({ source: () => source(() => []), requestAccess: () => Promise.reject(busy) });
    await list.requestPermission();
    expect(list.getSnapshot()).toMatchObject({ status: 'failed', error: { kind: 'device-in-use', cause: busy } });
  });

  it('fails with kind unsupported where there are no media devices (SSR, insecure origins)', async () => {
    const list = new MediaDeviceList({ source: () => undefined });
    await list.refresh();
    expect(list.getSnapshot().error?.kind).toBe('unsupported');
  });

  it('remembers the chosen device per kind in storage, read on first subscribe (after mount), not before', async () => {
    const saved = new Map<string, string>([['onair:devices', JSON.stringify({ videoinput: 'usb' })]]);
    const storage = { getItem: (key: string) => saved.get(key) ?? null, setItem: (key: string, value: string) => void saved.set(key, value) };
    const list = new MediaDeviceList({ source: () => source(() => []), permissions: () => undefined, storage: () => storage });
    expect(list.getSnapshot().chosen).toEqual({});
    const unsubscribe = list.subscribe(() => {});
    expect(list.getSnapshot().chosen).toEqual({ videoinput: 'usb' });

    list.choose('audioinput', 'headset');
    expect(JSON.parse(saved.get('onair:devices')!)).toEqual({ videoinput: 'usb', audioinput: 'headset' });
    unsubscribe();

    // The next visit: a new list over the same storage.
    expect(new MediaDeviceList({ storage: () => storage }).chosen('audioinput')).toBe('headset');
  });

  it('survives storage that throws (private mode) and garbage in it', () => {
    const broken = { getItem: () => '{not json', setItem: () => { throw new Error('QuotaExceededError'); } };
    const list = new MediaDeviceList({ source: () => source(() => []), permissions: () => undefined, storage: () => broken });
    expect(() => list.choose('videoinput', 'usb')).not.toThrow();
    expect(list.chosen('videoinput')).toBe('usb');
  });

  it('follows the Permissions API per kind, and lists again when it changes (labels appear)', async () => {
    const statuses = { camera: Object.assign(new EventTarget(), { state: 'prompt' }), microphone: Object.assign(new EventTarget(), { state: 'denied' }) };
    let granted = false;
    const devicesSource = source(() => [camera(granted ? 'Front camera' : '')]);
    const list = new MediaDeviceList({
      source: () => devicesSource,
      permissions: () => ({ query: async ({ name }: { name: string }) => statuses[name as 'camera'] as unknown as PermissionStatus }),
      storage: () => null,
    });
    list.subscribe(() => {});
    await settle();
    expect(list.getSnapshot().permission).toEqual({ camera: 'prompt', microphone: 'denied' });

    granted = true;
    statuses.camera.state = 'granted';
    statuses.camera.dispatchEvent(new Event('change'));
    await settle();
    expect(list.getSnapshot()).toMatchObject({ permission: { camera: 'granted' }, labelled: true });
  });

  it('leaves the permission unknown where the API rejects the name (Firefox and camera)', async () => {
    const list = new MediaDeviceList({
      source: () => source(() => []),
      permissions: () => ({ query: () => Promise.reject(new TypeError('camera is not a valid PermissionName')) }),
      storage: () => null,
    });
    list.subscribe(() => {});
    await settle();
    expect(list.getSnapshot().permission).toEqual({ camera: 'unknown', microphone: 'unknown' });
  });
});
