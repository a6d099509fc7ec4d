'use client';
import type { ComponentPropsWithoutRef, Ref } from 'react';
import { composeEventHandlers } from './composeEventHandlers';
import { useDocumentState } from './useDocumentState';

export interface PlayerToggleButtonProps extends ComponentPropsWithoutRef<'button'> {
  buttonRef: Ref<HTMLButtonElement>;
  part: string;
  /** Document events after which `active` is read again. */
  events: string[];
  available: (document: Document) => boolean;
  active: (document: Document) => boolean;
  toggle: (active: boolean) => Promise<unknown> | undefined;
  labels: [off: string, on: string];
}

/** A player button for a document-wide mode (full screen, picture-in-picture): the label says what a click does. */
export function PlayerToggleButton({ buttonRef, part, events, available, active: isActive, toggle, labels, onClick, children, ...buttonProps }: PlayerToggleButtonProps) {
  const shown = useDocumentState(events, available, false);
  const active = useDocumentState(events, isActive, false);
  if (!shown) return null;
  return (
    <button
      ref={buttonRef}
      type="button"
      data-onair={part}
      data-state={active ? 'on' : 'off'}
      onClick={composeEventHandlers(onClick, () => void toggle(active)?.catch(() => {}))}
      {...buttonProps}
    >
      {children ?? labels[+active]}
    </button>
  );
}
