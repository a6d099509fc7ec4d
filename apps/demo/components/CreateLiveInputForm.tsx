'use client';

import { useCreateLiveInput } from '@onair/react/query';
import { useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { createLiveInput } from '../lib/demoApiClient';
import type { StudioLiveInput } from '../lib/liveInputViews';
import { liveInputsQueryKey } from '../lib/queryKeys';
import { MAX_LIVE_INPUT_NAME_LENGTH } from '../lib/readLiveInputName';

/** Names and creates a live input (recording off), then opens its studio; the new input is already in the cache there. */
export function CreateLiveInputForm() {
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const creation = useCreateLiveInput<StudioLiveInput, string>({ createLiveInput });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    creation.mutate(name, {
      onSuccess: (input) => {
        void queryClient.invalidateQueries({ queryKey: liveInputsQueryKey });
        router.push(`/inputs/${input.uid}`);
      },
    });
  }

  // Still "busy" after success, while the studio loads.
  const busy = creation.isPending || creation.isSuccess;
  return (
    <section className="card" aria-labelledby="create-title" data-state={creation.status}>
      <h2 id="create-title">New live input</h2>
      <form className="form" onSubmit={onSubmit}>
        <label className="field">
          Stream name
          <input
            name="name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            placeholder="My first stream"
            maxLength={MAX_LIVE_INPUT_NAME_LENGTH}
            autoComplete="off"
          />
        </label>
        <button className="button" data-variant="primary" type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create live input'}
        </button>
      </form>
      {creation.error && (
        <p className="alert" role="alert" data-state="error">
          {creation.error.message}
        </p>
      )}
    </section>
  );
}
