/** Small SDP readers and the trickle-ice-sdpfrag bodies (RFC 8840) a WHIP/WHEP client PATCHes. */

export function attributes(sdp: string, name: string): string[] {
  const prefix = `a=${name}:`;
  return sdp
    .split(/\r?\n/)
    .filter((line) => line.startsWith(prefix))
    .map((line) => line.slice(prefix.length).trim());
}

export function attribute(sdp: string, name: string): string | undefined {
  return attributes(sdp, name)[0];
}

/** The m= sections of an SDP, each with its lines. */
export function mediaSections(sdp: string): string[] {
  return sdp.split(/\r?\n(?=m=)/).slice(1);
}

/** The direction attribute of each m= section. */
export function directions(sdp: string): string[] {
  return mediaSections(sdp).map((section) => /^a=(sendrecv|sendonly|recvonly|inactive)\s*$/m.exec(section)?.[1] ?? 'sendrecv');
}

export function candidates(sdp: string): string[] {
  return attributes(sdp, 'candidate');
}

export interface FragmentOptions {
  ufrag: string;
  pwd: string;
  candidates?: string[];
  endOfCandidates?: boolean;
}

/** A trickle/restart fragment for the first bundled m-line of `offer` (RFC 9725 §4.3.2). */
export function sdpFragment(offer: string, { ufrag, pwd, candidates: lines = [], endOfCandidates = false }: FragmentOptions): string {
  const first = mediaSections(offer)[0];
  if (!first) throw new Error('offer has no m-line');
  const mLine = first.split(/\r?\n/)[0]!;
  const mid = /^a=mid:(.+)$/m.exec(first)?.[1]?.trim() ?? '0';
  const group = /^a=group:BUNDLE .+$/m.exec(offer)?.[0]?.trim();
  return [
    ...(group ? [group] : []),
    mLine,
    `a=mid:${mid}`,
    `a=ice-ufrag:${ufrag}`,
    `a=ice-pwd:${pwd}`,
    ...lines.map((c) => `a=candidate:${c}`),
    ...(endOfCandidates ? ['a=end-of-candidates'] : []),
    '',
  ].join('\r\n');
}

/** The ICE credentials an offer (or answer) carries. */
export function iceCredentials(sdp: string): { ufrag: string; pwd: string } {
  const ufrag = attribute(sdp, 'ice-ufrag');
  const pwd = attribute(sdp, 'ice-pwd');
  if (!ufrag || !pwd) throw new Error('SDP without ICE credentials');
  return { ufrag, pwd };
}

export function randomIceString(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  return Array.from({ length }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
}
