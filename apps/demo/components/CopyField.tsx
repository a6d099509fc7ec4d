'use client';

import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

type CopyState = 'idle' | 'copied' | 'manual';

// Long enough to read "Copied", short enough that a second copy shows its own feedback.
const FEEDBACK_MS = 2_000;

/**
 * A read-only URL with a Copy button. Without the Clipboard API (plain http on a LAN address is not a
 * secure context) it selects the text and says to press the copy keys instead.
 */
export function CopyField({ label, value, hint, testId }: { label: string; value: string; hint?: ReactNode; testId?: string }) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = setTimeout(() => setState('idle'), FEEDBACK_MS);
    return () => clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      inputRef.current?.select();
      setState('manual');
    }
  }

  return (
    <div className="copy-field" data-state={state}>
      <label htmlFor={id}>{label}</label>
      <div className="copy-field-row">
        <input ref={inputRef} id={id} readOnly value={value} data-testid={testId} onFocus={(event) => event.currentTarget.select()} aria-describedby={hint ? `${id}-hint` : undefined} />
        <button className="button" type="button" onClick={() => void copy()}>
          Copy<span className="sr-only"> {label}</span>
        </button>
      </div>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <p className="copy-feedback" role="status">
        {state === 'copied' ? 'Copied.' : state === 'manual' ? 'Selected: press Ctrl+C (⌘C on a Mac) to copy.' : ''}
      </p>
    </div>
  );
}
