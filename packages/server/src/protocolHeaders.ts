import type { ServerResponse } from 'node:http';
import type { SessionKind } from './sdpOffer.js';

// Cloudflare names the draft revisions it speaks; clients written for it may look.
const PROTOCOL_VERSION: Record<SessionKind, string> = {
  whip: 'draft-ietf-wish-whip-06',
  whep: 'draft-murillo-whep-01',
};

const WHIP_PATH = /\/webRTC\/publish(?:\/|$)/;
const WHEP_PATH = /\/webRTC\/play(?:\/|$)/;

/** Every response under a WHIP or WHEP URL names its version, errors (404, 405, 429) included. */
export function setProtocolVersionFor(res: ServerResponse, pathname: string): void {
  const kind = WHIP_PATH.test(pathname) ? 'whip' : WHEP_PATH.test(pathname) ? 'whep' : undefined;
  if (kind) res.setHeader('protocol-version', PROTOCOL_VERSION[kind]);
}
