export { useWhip, type UseWhipOptions, type UseWhipResult } from './useWhip';
export { useWhep, type UseWhepOptions, type UseWhepResult, type PlaybackSession } from './useWhep';
export type { PublishSession } from './cameraPublisher';
export { useMediaDevices, type UseMediaDevicesOptions, type UseMediaDevicesResult } from './useMediaDevices';
export { MediaDeviceList, type MediaDevicesSnapshot, type DeviceSource } from './mediaDeviceList';
export { GoLiveButton, type GoLiveButtonProps } from './GoLiveButton';
export { LivePlayer, type LivePlayerProps } from './LivePlayer';
export { DeviceSelector, type DeviceSelectorProps, type DeviceSelectorState } from './DeviceSelector';
