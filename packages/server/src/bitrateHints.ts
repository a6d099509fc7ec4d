// Without bandwidth feedback Chromium's publisher stays near 300–500 kbps; these fmtp hints in the
// WHIP answer let it ramp to 720p (measured, see field-notes). Chromium reads them from the remote
// description only, so they go in the answer text and nowhere else.
const BITRATE_HINTS = 'x-google-start-bitrate=2500;x-google-min-bitrate=1250';

/** The answer with the bitrate hints on every video codec except RTX. */
export function addBitrateHints(sdp: string): string {
  const out: string[] = [];
  let video = false;
  let pending: string[] = [];
  const flush = () => {
    // Codecs that had no fmtp line get one after their rtpmap block.
    out.push(...pending.map((pt) => `a=fmtp:${pt} ${BITRATE_HINTS}`));
    pending = [];
  };
  const lines = sdp.split(/\r?\n/).filter((line) => line !== '');
  const fmtpTypes = new Set(lines.filter((l) => l.startsWith('a=fmtp:')).map((l) => /^a=fmtp:(\d+)/.exec(l)?.[1]));
  for (const line of lines) {
    if (line.startsWith('m=')) {
      flush();
      video = line.startsWith('m=video');
    }
    const rtpmap = /^a=rtpmap:(\d+) ([^/]+)/.exec(line);
    const fmtp = /^a=fmtp:(\d+) /.exec(line);
    if (video && fmtp && !isRtxFmtp(line)) {
      out.push(`${line};${BITRATE_HINTS}`);
      continue;
    }
    // A codec's block is its rtpmap with the rtcp-fb lines that follow; the added fmtp ends it.
    if (rtpmap || !line.startsWith('a=rtcp-fb:')) flush();
    out.push(line);
    if (video && rtpmap && rtpmap[2]!.toLowerCase() !== 'rtx' && !fmtpTypes.has(rtpmap[1])) pending.push(rtpmap[1]!);
  }
  flush();
  return out.join('\r\n') + '\r\n';
}

const isRtxFmtp = (line: string) => /^a=fmtp:\d+ apt=/.test(line);
