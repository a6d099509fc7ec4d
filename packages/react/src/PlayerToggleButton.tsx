'use client';
import type { ComponentPropsWithoutRef, Ref } from 'react';
import { composeEventHandlers } from './composeEventHandlers';

/** `data-state` of the full-screen and picture-in-picture buttons: whether that mode is on now. */
export type PlayerToggleState = 'off' | 'on';

export interface PlayerToggleButtonProps<State extends string> extends ComponentPropsWithoutRef<'button'> {
  buttonRef: Ref<HTMLButtonElement>;
  part: string;
  /** The `data-state`; null: nothing to toggle here (the button is not rendered). */
  state: State | null;
  /** What a click does in `state`; a rejection (say, full screen refused) changes nothing. */
  toggle: (state: State) => unknown;
  /** The label per state: what a click does. */
  labels: Record<State, string>;
}

/** A player button that toggles a mode (sound, full screen, picture-in-picture): its label says what a click does. */
export function PlayerToggleButton<State extends string>({ buttonRef, part, state, toggle, labels, onClick, children, ...buttonProps }: PlayerToggleButtonProps<State>) {
  if (!state) return null;
  return (
    <button
      ref={buttonRef}
      type="button"
      data-onair={part}
      data-state={state}
      onClick={composeEventHandlers(onClick, () => void Promise.resolve(toggle(state)).catch(() => {}))}
      {...buttonProps}
    >
      {children ?? labels[state]}
    </button>
  );
}
