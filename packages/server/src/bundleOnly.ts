/**
 * `a=bundle-only` (RFC 8843 §6, §7.2.1): an offerer that wants a section only if it is bundled gives
 * it port 0 plus `a=bundle-only`. Firefox does so for every section after the first under
 * `bundlePolicy: 'max-bundle'` (RFC 9725 asks WHIP clients for max-bundle). Port 0 normally means
 * "disabled", and werift reads it that way: it negotiates the section but never raises the track,
 * so the relay never sees the creator's video.
 *
 * Handled here, in the SDP we hand werift, not in a werift patch: the rule is about what the offer
 * means, and once the section carries the BUNDLE group's port werift already does all the rest
 * (one transport, mid-based routing) for Chromium's identical port-9 offers.
 */

/** The mids of the session-level `a=group:BUNDLE` lines. */
function bundledMids(sdp: string): Set<string> {
  const session = sdp.split(/\r?\n(?=m=)/, 1)[0]!;
  const mids = [...session.matchAll(/^a=group:BUNDLE((?: \S+)*)\s*$/gm)].flatMap((match) => match[1]!.trim().split(' '));
  return new Set(mids.filter(Boolean));
}

/** A port-0 section that is still wanted: `a=bundle-only`, and its mid in a BUNDLE group. */
export function isBundleOnly(section: string, sdp: string): boolean {
  if (!/^m=\S+ 0[ /]/.test(section) || !/^a=bundle-only\s*$/m.test(section)) return false;
  const mid = /^a=mid:(\S+)/m.exec(section)?.[1];
  return mid !== undefined && bundledMids(sdp).has(mid);
}

/**
 * The offer with each bundle-only section as a BUNDLE member that shares the group's transport
 * (port 9, the placeholder JSEP uses, and no `a=bundle-only`); everything else unchanged.
 */
export function acceptBundleOnly(sdp: string): string {
  if (!/^a=bundle-only\s*$/m.test(sdp)) return sdp;
  const eol = sdp.includes('\r\n') ? '\r\n' : '\n';
  return sdp
    .split(/\r?\n(?=m=)/)
    .map((part, index) => {
      if (index === 0 || !isBundleOnly(part, sdp)) return part;
      const [media, ...rest] = part.split(/\r?\n/);
      return [media!.replace(/^(m=\S+) 0/, '$1 9'), ...rest.filter((line) => !/^a=bundle-only\s*$/.test(line))].join(eol);
    })
    .join(eol);
}
