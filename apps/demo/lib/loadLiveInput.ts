import 'server-only';
import type { LiveInput } from '@onair/core';
import { notFound } from 'next/navigation';
import { describeApiError } from './describeApiError';
import { NOT_A_LIVE_INPUT_UID, type DemoResult } from './demoResult';
import { liveInputsClient } from './liveInputsClient';
import { isLiveInputUid } from './liveInputUid';
import { rememberPlaybackUrl } from './playbackUrls';
import { streamConfig } from './streamConfig';

/** Looks one input up and returns the part `toView` lets through (the studio's or a viewer's); shared by pages and route handlers. */
export async function loadLiveInput<T>(uid: string, toView: (input: LiveInput) => T): Promise<DemoResult<T>> {
  if (!isLiveInputUid(uid)) return { ok: false, ...NOT_A_LIVE_INPUT_UID };
  const config = streamConfig();
  try {
    const input = await liveInputsClient(config).get(uid);
    rememberPlaybackUrl(config, input);
    return { ok: true, data: toView(input) };
  } catch (error) {
    return { ok: false, ...describeApiError(error, config) };
  }
}

/** For pages: an unknown or deleted input renders the route's not-found page; other failures are the page's to show. */
export async function loadLiveInputOr404<T>(uid: string, toView: (input: LiveInput) => T): Promise<DemoResult<T>> {
  const result = await loadLiveInput(uid, toView);
  if (!result.ok && result.kind === 'not-found') notFound();
  return result;
}
