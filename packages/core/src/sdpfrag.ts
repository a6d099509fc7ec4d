// SDP fragments for trickle ICE and ICE restart (RFC 8840, RFC 9725 §4.3). Only the first
// bundled m-line is carried: with max-bundle every media section shares its transport.

export interface IceParameters {
  ufrag: string;
  pwd: string;
  /** The first m-section's `a=mid`. */
  mid: string;
  /** The first m-section's `m=` line (kind, port and formats). */
  mline: string;
  /** `a=candidate:` values (without `a=`) in the first m-section. */
  candidates: string[];
  end: boolean;
}

/** ICE credentials and candidates of the first m-section (session-level credentials as fallback). */
export function parseIce(sdp: string): IceParameters {
  // `.` stops at \r and \n, so `.*` reads one line whatever the line endings.
  const [head = '', first = head] = `\n${sdp}`.split(/\r?\n(?=m=)/);
  // The first m-section, then the session level (`head` starts a line).
  const get = (name: string) => new RegExp(`^a=${name}:(.*)`, 'm').exec(first + head)?.[1] ?? '';
  return {
    ufrag: get('ice-ufrag'),
    pwd: get('ice-pwd'),
    mid: get('mid'),
    mline: /^m=.*/m.exec(first)?.[0] ?? '',
    candidates: first.match(/^a=candidate:.*/gm)?.map((c) => c.slice(2)) ?? [],
    end: /^a=end-of-candidates/m.test(first),
  };
}

/** `a=` lines for `candidates`, then end-of-candidates when `end`. */
const candidateLines = (candidates: string[], end: boolean) =>
  [...candidates, ...(end ? ['end-of-candidates'] : [])].map((c) => `a=${c}\r\n`).join('');

/** An `application/trickle-ice-sdpfrag` body for the first m-line (ours: it always has one). */
export function buildSdpFrag(ice: Omit<IceParameters, 'candidates' | 'end'>, candidates: string[], end: boolean): string {
  return `a=ice-ufrag:${ice.ufrag}\r\na=ice-pwd:${ice.pwd}\r\n${ice.mline}\r\na=mid:${ice.mid}\r\n${candidateLines(candidates, end)}`;
}

/** The remote description after an ICE restart: new credentials everywhere, old candidates out, new ones in. */
export function applyRemoteIce(sdp: string, ice: IceParameters): string {
  return sdp
    .replace(/^a=(candidate:|end-of-candidates).*\r?\n/gm, '')
    .replace(/^a=ice-ufrag:.*/gm, `a=ice-ufrag:${ice.ufrag}`)
    .replace(/^a=ice-pwd:.*/gm, `a=ice-pwd:${ice.pwd}`)
    .replace(/^a=mid:.*\r?\n/m, (mid) => mid + candidateLines(ice.candidates, ice.end));
}
