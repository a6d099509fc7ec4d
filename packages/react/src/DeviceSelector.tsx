'use client';
import { forwardRef, useEffect, useId, useState, type ComponentPropsWithoutRef } from 'react';
import type { OnairError } from '@onair/core';
import { AudioLevelMeter } from './AudioLevelMeter';
import { mediaKindOf } from './cameraPublisher';
import type { MediaDeviceList } from './mediaDeviceList';
import { useMediaDevices } from './useMediaDevices';
import type { UseWhipResult } from './useWhip';

const KIND_NAMES: Record<MediaDeviceKind, string> = { videoinput: 'Camera', audioinput: 'Microphone', audiooutput: 'Speaker' };
const DENIED = 'Camera and microphone are blocked in the site settings: allow them, then retry';

export type DeviceSelectorState = 'loading' | 'prompt' | 'ready' | 'empty' | 'failed' | 'unsupported';

export interface DeviceSelectorProps extends Omit<ComponentPropsWithoutRef<'div'>, 'defaultValue'> {
  /** Which devices to list (default: cameras). */
  kind?: MediaDeviceKind;
  /** The visible label (default: Camera, Microphone or Speaker). */
  label?: string;
  /** Controlled selected `deviceId`. */
  value?: string;
  /** Uncontrolled initial `deviceId` when none is remembered (default: the first device). */
  defaultValue?: string;
  onValueChange?: (deviceId: string) => void;
  /** A `useWhip` publisher whose camera or microphone follows the selection, live too. */
  publisher?: Pick<UseWhipResult, 'stream' | 'screenSharing' | 'switchDevice'>;
  /** Show the microphone's level (audioinput; default: when the publisher has a microphone open). */
  meter?: boolean;
  /** Another device list (a simulated one in stories and tests); default: the page's. */
  list?: MediaDeviceList;
}

/**
 * A visible `<label>` and a native `<select>` of cameras, microphones or speakers (native, so keyboard
 * and screen readers just work), remembered across visits. Nothing prompts on focus: while labels are
 * hidden an "Allow camera and microphone" button asks. Failures (denied, in use, not found) show a
 * message with Retry. `data-state`: loading | prompt | ready | empty | failed | unsupported (speakers
 * where the browser cannot choose one).
 */
export const DeviceSelector = forwardRef<HTMLDivElement, DeviceSelectorProps>(function DeviceSelector(
  { kind = 'videoinput', label = KIND_NAMES[kind], value, defaultValue, onValueChange, publisher, meter, list, ...divProps },
  ref,
) {
  const id = useId();
  const devices = useMediaDevices({ kind, value, defaultValue, onValueChange, list });
  const { status, selected, labelled, permission, requestPermission } = devices;
  const [switchError, setSwitchError] = useState<OnairError | null>(null);

  // The publisher follows the selection (a pick, a controlled value, or the fallback after an unplug).
  const track = publisher?.stream?.getTracks().find((t) => t.kind === mediaKindOf(kind));
  const switchDevice = publisher?.switchDevice;
  const following = kind !== 'audiooutput' && !(kind === 'videoinput' && publisher?.screenSharing);
  useEffect(() => {
    if (!switchDevice || !following || !selected || !track || track.getSettings().deviceId === selected) return;
    // Rejections are OnairErrors (getUserMedia's, typed by core).
    switchDevice(kind as 'audioinput' | 'videoinput', selected).then(() => setSwitchError(null), setSwitchError);
  }, [switchDevice, following, selected, track, kind]);

  const error = switchError ?? devices.error;
  const message = error?.message ?? (permission === 'denied' ? DENIED : null);
  const state: DeviceSelectorState =
    kind === 'audiooutput' && !devices.sinkSelectionSupported
      ? 'unsupported'
      : message
        ? 'failed'
        : status !== 'ready'
          ? status
          : !devices.devices.length
            ? 'empty'
            : labelled
              ? 'ready'
              : 'prompt';
  // One prompt for both: a studio needs the camera and the microphone, and speakers' labels need either.
  const allow = () => void requestPermission({ audio: true, video: true });
  const retry = () => {
    setSwitchError(null);
    allow();
  };
  const showMeter = kind === 'audioinput' && (meter ?? track !== undefined);

  return (
    <div ref={ref} data-onair="device-selector" data-kind={kind} data-state={state} data-error={error?.kind ?? (message ? 'permission-denied' : undefined)} {...divProps}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        aria-busy={status === 'loading'}
        disabled={state === 'empty' || state === 'loading' || state === 'unsupported'}
        value={selected ?? ''}
        onChange={(event) => devices.select(event.target.value)}
      >
        {devices.devices.map((device, index) => (
          // Before access, browsers may give every device the same empty id: the index keeps keys unique.
          <option key={`${device.deviceId}:${index}`} value={device.deviceId}>
            {device.label || `${label} ${index + 1}`}
          </option>
        ))}
      </select>
      {state === 'prompt' && (
        <button type="button" onClick={allow}>
          Allow camera and microphone
        </button>
      )}
      {showMeter && <AudioLevelMeter source={track} aria-label={`${label} level`} />}
      {message && <p role="alert">{message}</p>}
      {message && (
        <button type="button" onClick={retry}>
          Retry
        </button>
      )}
    </div>
  );
});
