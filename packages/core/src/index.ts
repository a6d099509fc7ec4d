export { OnairError, type OnairErrorKind, type OnairErrorDetails } from './errors';
export { WhipSession, type WhipOptions, type WhipSnapshot, type WhipStatus, type VideoEncoding } from './whipSession';
export { WhepSession, type WhepOptions, type WhepSnapshot, type WhepStatus, type WhepExtras } from './whepSession';
export type { SessionOptions, SessionSnapshot } from './peerSession';
export { Subscribable } from './subscribable';
export type { TokenSource } from './httpClient';
export type { GatheringMode } from './iceGathering';
export type { Link } from './linkHeader';
export { createStatsReader, normalizeStats, type MediaStats } from './stats';
export { CLOUDFLARE_CODECS, type CodecPreferences } from './codecPreferences';
export { getUserMedia, getDisplayMedia, mediaCaptureError } from './mediaDevices';
export {
  LiveInputsClient,
  type LiveInput,
  type LiveInputBody,
  type LiveInputSummary,
  type LiveInputsClientOptions,
} from './liveInputsClient';
