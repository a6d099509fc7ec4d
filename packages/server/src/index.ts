export { startOnairServer, DEFAULT_HOST, DEFAULT_PORT } from './onairServer.js';
export type { OnairServer, OnairServerOptions } from './onairServer.js';
export type { RateLimit } from './rateLimiter.js';
export type { LiveInput, LiveInputSummary } from './liveInputView.js';
export type { LiveInputStatus, RecordingSettings } from './liveInputStore.js';
export type { Envelope, EnvelopeError } from './envelope.js';
export type { RelayEvent, RelayStats } from './relay.js';
export type { LiveInputWebhook, WebhookOptions } from './webhookNotifier.js';
export type { SessionListing } from './sessionRegistry.js';
