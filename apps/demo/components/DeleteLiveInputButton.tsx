'use client';

import { liveInputQueryKey } from '@onair/react/query';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useRef } from 'react';
import { deleteLiveInput } from '../lib/demoApiClient';
import type { DemoApiError } from '../lib/demoApiError';
import type { LiveInputListItem } from '../lib/liveInputViews';
import { liveInputActivityQueryKey, liveInputsQueryKey } from '../lib/queryKeys';

/**
 * "Delete", then a modal confirmation (native `<dialog>`: focus moves in and back, Escape cancels).
 * Cancel has the focus first, so a stray Enter deletes nothing.
 */
export function DeleteLiveInputButton({ uid, name, onDeleted }: { uid: string; name: string; onDeleted?: () => void }) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const queryClient = useQueryClient();
  const deletion = useMutation<void, DemoApiError>({
    mutationFn: () => deleteLiveInput(uid),
    onSuccess: () => {
      queryClient.setQueryData<LiveInputListItem[]>(liveInputsQueryKey, (inputs) => inputs?.filter((input) => input.uid !== uid));
      queryClient.removeQueries({ queryKey: liveInputQueryKey(uid) });
      queryClient.removeQueries({ queryKey: liveInputActivityQueryKey(uid) });
      void queryClient.invalidateQueries({ queryKey: liveInputsQueryKey });
      dialogRef.current?.close();
      onDeleted?.();
    },
  });

  return (
    <>
      <button className="button" data-variant="danger" type="button" onClick={() => dialogRef.current?.showModal()}>
        Delete<span className="sr-only"> {name}</span>
      </button>
      <dialog ref={dialogRef} className="dialog" aria-labelledby={titleId} onClose={() => deletion.reset()}>
        <h2 id={titleId} className="dialog-title">
          Delete “{name}”?
        </h2>
        <p className="muted">Anyone watching is disconnected and the watch link stops working. This cannot be undone.</p>
        {deletion.error && (
          <p className="alert" role="alert">
            {deletion.error.message}
          </p>
        )}
        <div className="controls">
          <button className="button" type="button" autoFocus onClick={() => dialogRef.current?.close()}>
            Cancel
          </button>
          <button className="button" data-variant="danger" type="button" disabled={deletion.isPending} onClick={() => deletion.mutate()}>
            {deletion.isPending ? 'Deleting…' : 'Delete live input'}
          </button>
        </div>
      </dialog>
    </>
  );
}
