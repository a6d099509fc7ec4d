// app/api/live-inputs/route.ts: the Stream API token stays on your server
import { LiveInputsClient } from '@onair/core';

const stream = new LiveInputsClient({ accountId: process.env.CLOUDFLARE_ACCOUNT_ID!, apiToken: process.env.CLOUDFLARE_API_TOKEN });

export async function POST() {
  const input = await stream.create({ meta: { name: 'My stream' } });
  // The WHIP URL is the publish credential: give it only to the creator.
  return Response.json({ uid: input.uid, whip: input.webRTC.url, whep: input.webRTCPlayback.url });
}
