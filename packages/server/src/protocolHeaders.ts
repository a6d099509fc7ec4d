import type { ServerResponse } from 'node:http';
import type { SessionKind } from './sdpOffer.js';

// Cloudflare names the draft revisions it speaks; clients written for it may look.
const PROTOCOL_VERSION: Record<SessionKind, string> = {
  whip: 'draft-ietf-wish-whip-06',
  whep: 'draft-murillo-whep-01',
};

export function setProtocolVersion(res: ServerResponse, kind: SessionKind): void {
  res.setHeader('protocol-version', PROTOCOL_VERSION[kind]);
}
