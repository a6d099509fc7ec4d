import { OnairError } from '@onair/core';
import { MediaDeviceList, type DeviceSource } from './mediaDeviceList';

export interface SimulatedDevicesOptions {
  devices?: Array<Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>>;
  /** Labels are hidden until `requestPermission` is granted (like a browser before access). */
  hiddenUntilPermission?: boolean;
  /** `requestPermission` is refused. */
  deny?: boolean;
  /** The first listing never finishes. */
  neverLists?: boolean;
}

const info = (d: Pick<MediaDeviceInfo, 'deviceId' | 'kind' | 'label'>, visible: boolean): MediaDeviceInfo =>
  ({ ...d, deviceId: visible ? d.deviceId : '', label: visible ? d.label : '', groupId: '', toJSON: () => d }) as MediaDeviceInfo;

/** A MediaDeviceList over made-up devices: every DeviceSelector state without a camera or a prompt. */
export function simulatedDevices({ devices = [], hiddenUntilPermission = false, deny = false, neverLists = false }: SimulatedDevicesOptions = {}) {
  let granted = !hiddenUntilPermission;
  const source: DeviceSource = Object.assign(new EventTarget(), {
    enumerateDevices: () => (neverLists ? new Promise<MediaDeviceInfo[]>(() => {}) : Promise.resolve(devices.map((d) => info(d, granted)))),
  });
  const requestAccess = async () => {
    if (deny) throw new OnairError('permission-denied', 'Camera or microphone access was denied');
    granted = true;
    return new MediaStream();
  };
  return new MediaDeviceList(() => source, requestAccess);
}
