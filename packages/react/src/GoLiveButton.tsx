'use client';
import { forwardRef, useEffect, useRef, type ComponentPropsWithoutRef, type MouseEvent, type ReactNode } from 'react';
import type { WhipStatus } from '@onair/core';
import type { PublisherSnapshot } from './cameraPublisher';
import { composeEventHandlers } from './composeEventHandlers';
import { useStatusChange } from './useStatusChange';
import { useWhip, type UseWhipOptions, type UseWhipResult } from './useWhip';

// The label carries the state and says what a click does: no aria-pressed (a toggle keeps one label
// under aria-pressed, or lets the label say it; never both) and no aria-busy (one signal, not two).
const DEFAULT_LABELS: Record<WhipStatus, string> = {
  idle: 'Go live',
  connecting: 'Cancel',
  live: 'End stream',
  reconnecting: 'End stream',
  ended: 'Go live again',
  failed: 'Try again',
};

/** Going on air or on it: a click stops (or cancels). */
const ON_AIR: ReadonlySet<WhipStatus> = new Set(['connecting', 'live', 'reconnecting']);

interface GoLiveButtonOwnProps {
  /** Publish this stream instead of the camera and microphone (which are then taken on click). */
  stream?: MediaStream;
  /** Controlled: whether to be on air. Without it, a click starts or stops by itself. */
  live?: boolean;
  /** Uncontrolled: go live on mount. */
  defaultLive?: boolean;
  /** Called with the wanted on-air state when clicked, and with `false` when the broadcast ends or fails. */
  onLiveChange?: (live: boolean) => void;
  onStatusChange?: (status: WhipStatus, snapshot: PublisherSnapshot) => void;
  /** A label, or a function of the publisher's snapshot; default: a label per status. */
  children?: ReactNode | ((snapshot: PublisherSnapshot) => ReactNode);
  /** A publisher from `useWhip` to drive (shared with a LocalPreview or DeviceSelector); then `url` & co. are not used. */
  publisher?: UseWhipResult;
}

export interface GoLiveButtonProps
  extends Omit<ComponentPropsWithoutRef<'button'>, 'children'>,
    Omit<UseWhipOptions, 'onStatusChange'>,
    GoLiveButtonOwnProps {}

type ViewProps = Omit<GoLiveButtonProps, Exclude<keyof UseWhipOptions, 'onStatusChange'> | 'publisher'> & { whip: UseWhipResult };

const GoLiveButtonView = forwardRef<HTMLButtonElement, ViewProps>(function GoLiveButtonView(
  { whip, stream, live, defaultLive, onLiveChange, onStatusChange, children, onClick, disabled, type = 'button', ...buttonProps },
  ref,
) {
  const { status, start, stop } = whip;
  const onAir = ON_AIR.has(status);

  // Report transitions, and tell a controlling parent that the broadcast is over.
  useStatusChange(whip, (next, snapshot) => {
    onStatusChange?.(next, snapshot);
    if (live && (next === 'ended' || next === 'failed')) onLiveChange?.(false);
  });

  const wanted = live ?? (defaultLive ? true : undefined);
  const applied = useRef<boolean | undefined>(undefined);
  useEffect(() => {
    // Controlled changes (and defaultLive once): act on what changed, not on every render.
    if (wanted === undefined || applied.current === wanted || (live === undefined && applied.current !== undefined)) return;
    applied.current = wanted;
    if (wanted) void start(stream);
    else void stop();
  }, [wanted, live, start, stop, stream]);

  const toggle = (event: MouseEvent<HTMLButtonElement>) => {
    // aria-disabled keeps the button focusable (a disabled one drops focus) but it does nothing; the
    // second click of a double click (detail 2) must not cancel what the first one started. While
    // connecting the button is neither: it is the Cancel button, and a click (or Enter, Space) cancels.
    if (disabled || event.detail > 1) return;
    onLiveChange?.(!onAir);
    if (live !== undefined) return;
    if (onAir) void stop();
    else void start(stream);
  };

  return (
    <button
      ref={ref}
      type={type}
      aria-disabled={disabled || undefined}
      data-onair="go-live-button"
      data-state={status}
      data-error={whip.error?.kind}
      onClick={composeEventHandlers(onClick, toggle)}
      {...buttonProps}
    >
      {typeof children === 'function' ? children(whip) : (children ?? DEFAULT_LABELS[status])}
    </button>
  );
});

const OwnPublisher = forwardRef<HTMLButtonElement, Omit<ViewProps, 'whip'> & { whipOptions: UseWhipOptions }>(function OwnPublisher(
  { whipOptions, ...props },
  ref,
) {
  return <GoLiveButtonView ref={ref} whip={useWhip(whipOptions)} {...props} />;
});

/**
 * One `<button>` that goes live over WHIP on click and ends the broadcast on the next click. Its label
 * says what a click does ("Go live", "Cancel", "End stream", "Go live again", "Try again"); `data-state`
 * is the publisher status. While connecting it stays enabled and keeps focus: it is the "Cancel"
 * button, so a keyboard or screen reader user can stop a connect that hangs. `disabled` makes it
 * `aria-disabled` (still focusable, announced as unavailable, clicks ignored).
 */
export const GoLiveButton = forwardRef<HTMLButtonElement, GoLiveButtonProps>(function GoLiveButton(
  { publisher, url, token, options, session, getStream, preview, devices, ...props },
  ref,
) {
  if (publisher) return <GoLiveButtonView ref={ref} whip={publisher} {...props} />;
  return <OwnPublisher ref={ref} whipOptions={{ url, token, options, session, getStream, preview, devices }} {...props} />;
});
