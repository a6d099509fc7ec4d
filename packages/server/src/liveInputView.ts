import type { LiveInputRecord, LiveInputStatus, RecordingSettings } from './liveInputStore.js';

/** A live input as the API returns it (Cloudflare's field names). */
export interface LiveInput {
  uid: string;
  created: string;
  modified: string;
  meta: Record<string, unknown>;
  enabled: boolean;
  status: LiveInputStatus | null;
  defaultCreator: string | null;
  deleteRecordingAfterDays: number | null;
  recording: RecordingSettings;
  /** RTMPS/SRT ingest and playback are not served locally: every field is null. */
  rtmps: { url: null; streamKey: null };
  rtmpsPlayback: { url: null; streamKey: null };
  srt: { url: null; streamId: null; passphrase: null };
  srtPlayback: { url: null; streamId: null; passphrase: null };
  webRTC: { url: string };
  webRTCPlayback: { url: string };
}

/** The list endpoint's items: no credentials. */
export interface LiveInputSummary {
  uid: string;
  created: string;
  modified: string;
  meta: Record<string, unknown>;
  deleteRecordingAfterDays: number | null;
  enabled: boolean;
}

export const publishUrl = (baseUrl: string, record: Pick<LiveInputRecord, 'secret'>) => `${baseUrl}/${record.secret}/webRTC/publish`;
export const playbackUrl = (baseUrl: string, record: Pick<LiveInputRecord, 'uid'>) => `${baseUrl}/${record.uid}/webRTC/play`;

export function toLiveInput(record: LiveInputRecord, baseUrl: string): LiveInput {
  return {
    uid: record.uid,
    created: record.created,
    modified: record.modified,
    meta: record.meta,
    enabled: record.enabled,
    status: record.status,
    defaultCreator: record.defaultCreator,
    deleteRecordingAfterDays: record.deleteRecordingAfterDays,
    recording: record.recording,
    rtmps: { url: null, streamKey: null },
    rtmpsPlayback: { url: null, streamKey: null },
    srt: { url: null, streamId: null, passphrase: null },
    srtPlayback: { url: null, streamId: null, passphrase: null },
    webRTC: { url: publishUrl(baseUrl, record) },
    webRTCPlayback: { url: playbackUrl(baseUrl, record) },
  };
}

export function toLiveInputSummary(record: LiveInputRecord): LiveInputSummary {
  return {
    uid: record.uid,
    created: record.created,
    modified: record.modified,
    meta: record.meta,
    deleteRecordingAfterDays: record.deleteRecordingAfterDays,
    enabled: record.enabled,
  };
}
