// Cloudflare (and @onair/server) live input uids are 32 lowercase hex characters.
const LIVE_INPUT_UID = /^[0-9a-f]{32}$/;

export function isLiveInputUid(value: string): boolean {
  return LIVE_INPUT_UID.test(value);
}
