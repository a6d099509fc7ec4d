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
    const list = new MediaDeviceList(() => devicesSource);
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
    const list = new MediaDeviceList(
      () => source(() => [camera(granted ? 'Front camera' : '')]),
      async () => {
        granted = true;
        return { getTracks: () => [{ stop }] } as unknown as MediaStream;
      },
    );
    await list.requestPermission({ video: true });
    expect(list.getSnapshot()).toMatchObject({ status: 'ready', labelled: true });
    expect(stop).toHaveBeenCalled();
  });

  it('shows a refused permission as a typed error', async () => {
    const denied = new OnairError('permission-denied', 'Camera access was denied');
    const list = new MediaDeviceList(
      () => source(() => []),
      () => Promise.reject(denied),
    );
    await list.requestPermission();
    expect(list.getSnapshot()).toMatchObject({ status: 'failed', error: denied });
  });

  it('fails with kind unsupported where there are no media devices (SSR, insecure origins)', async () => {
    const list = new MediaDeviceList(() => undefined);
    await list.refresh();
    expect(list.getSnapshot().error?.kind).toBe('unsupported');
  });
});
