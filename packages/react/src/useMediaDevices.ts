'use client';
import { useCallback, useMemo, useSyncExternalStore } from 'react';
import type { OnairError } from '@onair/core';
import { LOADING_DEVICES, pageDevices, type DevicePermission, type MediaDeviceList } from './mediaDeviceList';

export interface UseMediaDevicesOptions {
  /** Only devices of this kind (needed for `selected` / `select`). */
  kind?: MediaDeviceKind;
  /** Controlled selected `deviceId`; without it the choice is the list's, remembered across visits. */
  value?: string;
  /** The initial choice when nothing is remembered (uncontrolled). */
  defaultValue?: string;
  /** Hears every choice, controlled or not. */
  onValueChange?: (deviceId: string) => void;
  /** Another device list (a simulated one in stories and tests); default: the page's. */
  list?: MediaDeviceList;
}

export interface UseMediaDevicesResult {
  status: 'loading' | 'ready' | 'failed';
  devices: readonly MediaDeviceInfo[];
  /** False until the page may use a device: browsers hide labels until then. */
  labelled: boolean;
  error: OnairError | null;
  /** The Permissions API's state for `kind` (camera for video, microphone for audio; `unknown` where it cannot tell). */
  permission: DevicePermission;
  /** The chosen device, or the first one when the chosen one is gone (unplugged) or none was chosen. */
  selected: string | undefined;
  select(deviceId: string): void;
  /** Asks for device access so labels appear: for `kind`'s device type, or as `constraints` say. */
  requestPermission(constraints?: MediaStreamConstraints): Promise<void>;
  /** The browser can route audio to a chosen speaker (`HTMLMediaElement.setSinkId`); false until listed. */
  sinkSelectionSupported: boolean;
}

const constraintsFor = (kind: MediaDeviceKind | undefined): MediaStreamConstraints =>
  kind === 'videoinput' ? { video: true } : kind === undefined ? { audio: true, video: true } : { audio: true };

/**
 * The cameras, microphones or speakers, updated when devices come and go, with the permission state
 * and the selected device (controlled, or remembered in localStorage). The server renders `loading`.
 */
export function useMediaDevices({ kind, value, defaultValue, onValueChange, list = pageDevices }: UseMediaDevicesOptions = {}): UseMediaDevicesResult {
  const snapshot = useSyncExternalStore(list.subscribe, list.getSnapshot, () => LOADING_DEVICES);
  const devices = useMemo(() => (kind ? snapshot.devices.filter((d) => d.kind === kind) : snapshot.devices), [snapshot.devices, kind]);
  const wanted = value ?? (kind && snapshot.chosen[kind]) ?? defaultValue;
  const selected = kind ? (devices.find((d) => d.deviceId === wanted)?.deviceId ?? devices[0]?.deviceId) : undefined;
  const select = useCallback(
    (deviceId: string) => {
      onValueChange?.(deviceId);
      if (value === undefined && kind) list.choose(kind, deviceId);
    },
    [onValueChange, value, kind, list],
  );
  const requestPermission = useCallback(
    (constraints?: MediaStreamConstraints) => list.requestPermission(constraints ?? constraintsFor(kind)),
    [list, kind],
  );
  const permission = snapshot.permission[kind === 'videoinput' ? 'camera' : 'microphone'];
  const { status, labelled, error, sinkSelectionSupported } = snapshot;
  return { status, devices, labelled, error, permission, selected, select, requestPermission, sinkSelectionSupported };
}
