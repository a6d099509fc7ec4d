'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { createLiveInput } from '../lib/createLiveInput';
import type { DemoApiError } from '../lib/demoApiError';
import type { CreatedLiveInput } from '../lib/liveInputViews';
import { GoLivePanel } from './GoLivePanel';
import { useCamera } from './useCamera';

/** The creator's flow: name a live input, create it on the server, then go live with the camera. */
export function Studio() {
  const [name, setName] = useState('');
  const camera = useCamera();
  const creation = useMutation<CreatedLiveInput, DemoApiError, string>({
    mutationFn: createLiveInput,
    // The preview starts as soon as there is something to go live on; nothing is sent before "Go live".
    onSuccess: () => void camera.start(),
  });

  if (creation.data) return <GoLivePanel input={creation.data} camera={camera} />;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    creation.mutate(name);
  }

  return (
    <section className="card" aria-labelledby="create-title" data-state={creation.status}>
      <h2 id="create-title">1. Create a live input</h2>
      <form className="form" onSubmit={onSubmit}>
        <label className="field">
          Stream name
          <input
            name="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="My first stream"
            maxLength={100}
            autoComplete="off"
          />
        </label>
        <button className="button" data-variant="primary" type="submit" disabled={creation.isPending}>
          {creation.isPending ? 'Creating…' : 'Create live input'}
        </button>
      </form>
      <p className="alert" role="alert" data-state={creation.error ? 'error' : 'ok'} data-kind={creation.error?.kind}>
        {creation.error?.message}
      </p>
    </section>
  );
}
