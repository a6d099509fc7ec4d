'use client';
import { useMemo, useSyncExternalStore } from 'react';
import type { OnairError } from '@onair/core';
import { LOADING_DEVICES, pageDevices, type MediaDeviceList } from './mediaDeviceList';

export interface UseMediaDevicesOptions {
  /** Only devices of this kind. */
  kind?: MediaDeviceKind;
  /** Another device list (a simulated one in stories and tests); default: the page's. */
  list?: MediaDeviceList;
}

export interface UseMediaDevicesResult {
  status: 'loading' | 'ready' | 'failed';
  devices: readonly MediaDeviceInfo[];
  /** False until the page may use a device: browsers hide labels until then. */
  labelled: boolean;
  error: OnairError | null;
  /** Asks for camera/microphone access (for `kind`'s device type) so labels appear. */
  requestPermission(): Promise<void>;
}

const constraintsFor = (kind: MediaDeviceKind | undefined): MediaStreamConstraints =>
  kind === 'videoinput' ? { video: true } : kind === undefined ? { audio: true, video: true } : { audio: true };

/** The cameras, microphones or speakers, updated when devices come and go; the server renders `loading`. */
export function useMediaDevices({ kind, list = pageDevices }: UseMediaDevicesOptions = {}): UseMediaDevicesResult {
  const snapshot = useSyncExternalStore(list.subscribe, list.getSnapshot, () => LOADING_DEVICES);
  const devices = useMemo(
    () => (kind ? snapshot.devices.filter((d) => d.kind === kind) : snapshot.devices),
    [snapshot.devices, kind],
  );
  const requestPermission = useMemo(() => () => list.requestPermission(constraintsFor(kind)), [list, kind]);
  return { ...snapshot, devices, requestPermission };
}
