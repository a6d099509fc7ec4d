import type { OnairErrorKind } from '@onair/core';
import { MediaDeviceList, type DeviceSource } from './mediaDeviceList';

export interface SimulatedDevicesOptions {
  devices?: Array<Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>>;
  /** Labels are hidden until `requestPermission` is granted (like a browser before access). */
  hiddenUntilPermission?: boolean;
  /** `requestPermission` fails with this kind: 'permission-denied', 'device-in-use' or 'device-not-found'. */
  failWith?: Extract<OnairErrorKind, 'permission-denied' | 'device-in-use' | 'device-not-found'>;
  /** The Permissions API's answer for camera and microphone (default: none, `unknown`). */
  permission?: PermissionState;
  /** The first listing never finishes. */
  neverLists?: boolean;
  /** Where choices are remembered (default: nowhere, so a story never sees another's choice). */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
}

// What a browser's getUserMedia rejects with for each kind.
const BROWSER_ERRORS: Record<NonNullable<SimulatedDevicesOptions['failWith']>, string> = {
  'permission-denied': 'NotAllowedError',
  'device-in-use': 'NotReadableError',
  'device-not-found': 'NotFoundError',
};

const info = (d: Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>, visible: boolean): MediaDeviceInfo =>
  ({ ...d, deviceId: visible ? d.deviceId : '', label: visible ? d.label : '', groupId: '', toJSON: () => d }) as MediaDeviceInfo;

/**
 * A MediaDeviceList over made-up devices: every DeviceSelector state without a camera or a prompt.
 * `plug()` / `unplug()` change the devices the way a USB camera does (a `devicechange`).
 */
export function simulatedDevices({
  devices = [],
  hiddenUntilPermission = false,
  failWith,
  permission,
  neverLists = false,
  storage = null,
}: SimulatedDevicesOptions = {}) {
  let granted = !hiddenUntilPermission;
  let current = devices;
  const source = Object.assign(new EventTarget(), {
    enumerateDevices: () => (neverLists ? new Promise<MediaDeviceInfo[]>(() => {}) : Promise.resolve(current.map((d) => info(d, granted)))),
  });
  const status = Object.assign(new EventTarget(), { state: permission });
  const list = new MediaDeviceList({
    source: (): DeviceSource => source,
    requestAccess: async () => {
      if (failWith) throw new DOMException('Simulated', BROWSER_ERRORS[failWith]);
      granted = true;
      return new MediaStream();
    },
    permissions: () => (permission ? { query: async () => status as unknown as PermissionStatus } : undefined),
    storage: () => storage,
  });
  const change = (next: typeof devices) => {
    current = next;
    source.dispatchEvent(new Event('devicechange'));
  };
  return Object.assign(list, {
    plug: (device: (typeof devices)[number]) => change([...current, device]),
    unplug: (deviceId: string) => change(current.filter((d) => d.deviceId !== deviceId)),
  });
}
