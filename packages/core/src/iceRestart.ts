import { describeAndGather } from './iceGathering';
import { httpError } from './httpClient';
import { applyRemoteIce, buildSdpFrag, parseIce } from './sdpfrag';

/**
 * ICE restart (RFC 9725 §4.3.3): new local credentials, a PATCH carrying them with all candidates
 * (`If-Match: *` is the caller's job), and the 200's sdpfrag applied as the new remote ICE.
 * Returns the new ETag, if any.
 */
export async function restartIce(
  pc: RTCPeerConnection,
  patch: (fragment: string) => Promise<Response>,
  gatherMs: number,
  signal: AbortSignal,
): Promise<string | null> {
  pc.restartIce();
  await describeAndGather(pc, await pc.createOffer({ iceRestart: true }), gatherMs, signal);
  const ice = parseIce(pc.localDescription?.sdp ?? '');
  const response = await patch(buildSdpFrag(ice, ice.candidates, true));
  if (response.status !== 200) throw await httpError(response, 'ICE restart');
  const remote = parseIce(await response.text());
  await pc.setRemoteDescription({ type: 'answer', sdp: applyRemoteIce(pc.remoteDescription?.sdp ?? '', remote) });
  return response.headers.get('etag');
}
