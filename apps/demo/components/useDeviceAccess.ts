'use client';

import { useMediaDevices } from '@onair/react';

/**
 * Whether the page may open the camera and microphone without a prompt out of nowhere: both were
 * allowed before (Permissions API), or the browser already shows device labels (access granted in
 * this page, e.g. through a DeviceSelector's "Allow" button; Firefox has no camera permission query).
 */
export function useDeviceAccess(): { granted: boolean; denied: boolean } {
  const camera = useMediaDevices({ kind: 'videoinput' });
  const microphone = useMediaDevices({ kind: 'audioinput' });
  const denied = camera.permission === 'denied' || microphone.permission === 'denied';
  const granted = !denied && ((camera.permission === 'granted' && microphone.permission === 'granted') || camera.labelled);
  return { granted, denied };
}
