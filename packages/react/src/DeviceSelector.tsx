'use client';
import { forwardRef, type ChangeEvent, type ComponentPropsWithoutRef } from 'react';
import { composeEventHandlers } from './composeEventHandlers';
import type { MediaDeviceList } from './mediaDeviceList';
import { useControllableState } from './useControllableState';
import { useMediaDevices } from './useMediaDevices';

const KIND_NAMES: Record<MediaDeviceKind, string> = { videoinput: 'Camera', audioinput: 'Microphone', audiooutput: 'Speaker' };

export type DeviceSelectorState = 'loading' | 'prompt' | 'ready' | 'empty' | 'failed';

export interface DeviceSelectorProps extends Omit<ComponentPropsWithoutRef<'select'>, 'value' | 'defaultValue'> {
  /** Which devices to list (default: cameras). */
  kind?: MediaDeviceKind;
  /** Controlled selected `deviceId`. */
  value?: string;
  /** Uncontrolled initial `deviceId` (default: the first device). */
  defaultValue?: string;
  onValueChange?: (deviceId: string) => void;
  /** Another device list (a simulated one in stories and tests); default: the page's. */
  list?: MediaDeviceList;
}

/**
 * One native `<select>` of cameras, microphones or speakers (native, so keyboard and screen readers
 * just work). Labels are hidden until the page has device access: focusing the select asks for it.
 * `data-state`: loading | prompt (no labels yet) | ready | empty | failed.
 */
export const DeviceSelector = forwardRef<HTMLSelectElement, DeviceSelectorProps>(function DeviceSelector(
  { kind = 'videoinput', value: valueProp, defaultValue, onValueChange, list, onChange, onFocus, ...selectProps },
  ref,
) {
  const { status, devices, labelled, error, requestPermission } = useMediaDevices({ kind, list });
  const [value, setValue] = useControllableState(valueProp, defaultValue, onValueChange);
  const state: DeviceSelectorState =
    status === 'ready' ? (devices.length === 0 ? 'empty' : labelled ? 'ready' : 'prompt') : status;

  return (
    <select
      ref={ref}
      aria-label={KIND_NAMES[kind]}
      aria-busy={status === 'loading'}
      disabled={state === 'empty' || state === 'loading'}
      data-onair="device-selector"
      data-state={state}
      data-error={error?.kind}
      value={value ?? devices[0]?.deviceId ?? ''}
      onChange={composeEventHandlers(onChange, (event: ChangeEvent<HTMLSelectElement>) => setValue(event.target.value))}
      onFocus={composeEventHandlers(onFocus, () => {
        if (state === 'prompt') void requestPermission();
      })}
      {...selectProps}
    >
      {devices.map((device, index) => (
        // Before access, browsers may give every device the same empty id: the index keeps keys unique.
        <option key={`${device.deviceId}:${index}`} value={device.deviceId}>
          {device.label || `${KIND_NAMES[kind]} ${index + 1}`}
        </option>
      ))}
    </select>
  );
});
