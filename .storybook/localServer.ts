import localServer from 'virtual:onair-local-server';
// Started by onairServerPlugin while Storybook serves stories; null in a static build.
const server = localServer;

export interface StoryLiveInput {
  uid: string;
  whipUrl: string;
  whepUrl: string;
}

/** Whether live stories can run (Storybook dev and its test run start a local server; a static build has none). */
export const localServerAvailable = server !== null;

/** A fresh live input on the local server Storybook started, for live stories. */
export async function createStoryLiveInput(name: string): Promise<StoryLiveInput | null> {
  if (!server) return null;
  const response = await fetch(`${server.url}/client/v4/accounts/${server.accountId}/stream/live_inputs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ meta: { name } }),
  });
  if (!response.ok) throw new Error(`Creating a live input failed: HTTP ${response.status}`);
  const { result } = (await response.json()) as { result: { uid: string; webRTC: { url: string }; webRTCPlayback: { url: string } } };
  return { uid: result.uid, whipUrl: result.webRTC.url, whepUrl: result.webRTCPlayback.url };
}
