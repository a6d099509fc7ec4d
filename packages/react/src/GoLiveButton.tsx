'use client';
import { forwardRef, useEffect, type ComponentPropsWithoutRef, type MouseEvent, type ReactNode } from 'react';
import type { WhipSnapshot, WhipStatus } from '@onair/core';
import { composeEventHandlers } from './composeEventHandlers';
import { useWhip, type UseWhipOptions } from './useWhip';

const DEFAULT_LABELS: Record<WhipStatus, string> = {
  idle: 'Go live',
  connecting: 'Connecting…',
  live: 'End stream',
  reconnecting: 'Reconnecting…',
  ended: 'Go live again',
  failed: 'Try again',
};

/** Broadcasting or trying to stay on air: the button is "pressed" and a click stops. */
const ON_AIR: ReadonlySet<WhipStatus> = new Set(['live', 'reconnecting']);

export interface GoLiveButtonProps
  extends Omit<ComponentPropsWithoutRef<'button'>, 'children'>,
    Omit<UseWhipOptions, 'onStatusChange'> {
  /** Publish this stream instead of the camera and microphone (which are then taken on click). */
  stream?: MediaStream;
  /** Controlled: whether to be on air. Without it, a click starts or stops by itself. */
  live?: boolean;
  /** Called with the wanted on-air state when clicked, and with `false` when the broadcast ends or fails. */
  onLiveChange?: (live: boolean) => void;
  onStatusChange?: (status: WhipStatus, snapshot: WhipSnapshot) => void;
  /** A label, or a function of the session's snapshot; default: a label per status. */
  children?: ReactNode | ((snapshot: WhipSnapshot) => ReactNode);
}

/**
 * One `<button>` that goes live over WHIP on click and ends the broadcast on the next click.
 * `data-state` is the session status; `aria-pressed` is true while on air; disabled while connecting.
 */
export const GoLiveButton = forwardRef<HTMLButtonElement, GoLiveButtonProps>(function GoLiveButton(
  {
    url,
    token,
    options,
    session,
    getStream,
    stream,
    live,
    onLiveChange,
    onStatusChange,
    children,
    onClick,
    disabled,
    type = 'button',
    ...buttonProps
  },
  ref,
) {
  const whip = useWhip({
    url,
    token,
    options,
    session,
    getStream,
    onStatusChange: (status, snapshot) => {
      onStatusChange?.(status, snapshot);
      if (live && (status === 'ended' || status === 'failed')) onLiveChange?.(false);
    },
  });
  const { status, start, stop } = whip;
  const onAir = ON_AIR.has(status);

  useEffect(() => {
    if (live === undefined) return;
    if (live) void start(stream);
    else void stop();
  }, [live, start, stop, stream]);

  const toggle = (_event: MouseEvent<HTMLButtonElement>) => {
    onLiveChange?.(!onAir);
    if (live !== undefined) return;
    if (onAir) void stop();
    else void start(stream);
  };

  return (
    <button
      ref={ref}
      type={type}
      aria-pressed={onAir}
      aria-busy={status === 'connecting'}
      disabled={disabled || status === 'connecting'}
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
