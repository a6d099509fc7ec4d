/** The two URLs of a freshly created live input on an @onair/server (Cloudflare's live_inputs API). */
export interface BenchLiveInput {
  uid: string;
  whipUrl: string;
  whepUrl: string;
}

export async function createLiveInput(serverUrl: string, accountId: string): Promise<BenchLiveInput> {
  const response = await fetch(`${serverUrl}/client/v4/accounts/${accountId}/stream/live_inputs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ meta: { name: 'bench' } }),
  });
  const body = (await response.json()) as {
    success?: boolean;
    result?: { uid: string; webRTC: { url: string }; webRTCPlayback: { url: string } };
  };
  if (!response.ok || !body.result) throw new Error(`creating a live input failed: HTTP ${response.status}`);
  return { uid: body.result.uid, whipUrl: body.result.webRTC.url, whepUrl: body.result.webRTCPlayback.url };
}
