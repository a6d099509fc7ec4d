/** A trickle-ICE SDP fragment (RFC 8840), as PATCHed to a WHIP/WHEP session. */
export interface SdpFragment {
  ufrag: string | null;
  pwd: string | null;
  candidates: { candidate: string; sdpMid: string | null }[];
  endOfCandidates: boolean;
}

/** Parses a fragment; returns null when it holds nothing an sdpfrag can hold. */
export function parseSdpFragment(text: string): SdpFragment | null {
  const fragment: SdpFragment = { ufrag: null, pwd: null, candidates: [], endOfCandidates: false };
  let mid: string | null = null;
  let recognized = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('m=')) mid = null;
    else if (line.startsWith('a=mid:')) mid = line.slice(6);
    else if (line.startsWith('a=ice-ufrag:')) fragment.ufrag = line.slice(12);
    else if (line.startsWith('a=ice-pwd:')) fragment.pwd = line.slice(10);
    else if (line.startsWith('a=candidate:')) fragment.candidates.push({ candidate: line.slice(2), sdpMid: mid });
    else if (line === 'a=end-of-candidates') fragment.endOfCandidates = true;
    else if (!line.startsWith('a=ice-options:') && !line.startsWith('a=group:')) continue;
    recognized = true;
  }
  return recognized ? fragment : null;
}

/** The answer to an ICE restart: our new credentials and candidates for the first bundled m-line. */
export function buildSdpFragment(localSdp: string): string {
  const lines = localSdp.split(/\r?\n/);
  const firstMedia = lines.findIndex((l) => l.startsWith('m='));
  const nextMedia = lines.findIndex((l, i) => i > firstMedia && l.startsWith('m='));
  const section = lines.slice(firstMedia, nextMedia === -1 ? undefined : nextMedia);
  const pick = (prefix: string) => section.find((l) => l.startsWith(prefix)) ?? lines.find((l) => l.startsWith(prefix));
  const out = [pick('a=ice-ufrag:'), pick('a=ice-pwd:'), lines[firstMedia], pick('a=mid:')];
  out.push(...section.filter((l) => l.startsWith('a=candidate:')), 'a=end-of-candidates');
  return out.filter((l): l is string => Boolean(l)).join('\r\n') + '\r\n';
}

/**
 * The previous remote offer with new ICE credentials and only the fragment's candidates: what
 * werift needs to restart ICE (it has no restart-by-fragment of its own).
 */
export function applyIceRestart(previousOffer: string, fragment: SdpFragment): string {
  const out: string[] = [];
  let inMedia = false;
  let firstMediaDone = false;
  const flushCandidates = () => {
    if (inMedia && !firstMediaDone) {
      out.push(...fragment.candidates.map((c) => `a=${c.candidate}`));
      if (fragment.endOfCandidates) out.push('a=end-of-candidates');
      firstMediaDone = true;
    }
  };
  for (const line of previousOffer.split(/\r?\n/)) {
    if (line === '') continue;
    if (line.startsWith('m=')) {
      flushCandidates();
      inMedia = true;
    }
    if (line.startsWith('a=candidate:') || line === 'a=end-of-candidates') continue;
    if (line.startsWith('a=ice-ufrag:')) out.push(`a=ice-ufrag:${fragment.ufrag}`);
    else if (line.startsWith('a=ice-pwd:')) out.push(`a=ice-pwd:${fragment.pwd}`);
    else out.push(line);
  }
  flushCandidates();
  return out.join('\r\n') + '\r\n';
}
