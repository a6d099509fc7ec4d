// Janus as the benches' reference server: Debian's Janus (VideoRoom) behind Meetecho's
// simple-whip-server, started the way the interop suite starts them. WHIP in; Janus 1.1 has no WHEP,
// so viewers subscribe over its own API (the server offers, the browser answers).
import { startJanus } from '../../tests/interop/support/janus.ts';
import { subscribeInJanus, type JanusSubscription } from '../../tests/interop/support/janusSubscriber.ts';
import { missingPeers } from '../../tests/interop/support/peers.ts';
import { startSimpleWhipServer } from '../../tests/interop/support/simpleWhipServer.ts';

export interface JanusTarget {
  /** A fresh WHIP endpoint (simple-whip-server allows one publisher per endpoint). */
  whipUrl(): Promise<string>;
  /** Subscribes to the room's (first) publisher: `answerOffer` answers Janus's offer. */
  subscribe(answerOffer: (offerSdp: string) => Promise<string>): Promise<JanusSubscription>;
  close(): Promise<void>;
}

/** Starts Janus + simple-whip-server, or says why it cannot (peers not installed). */
export async function startJanusTarget(publishers: number): Promise<JanusTarget | { unavailable: string }> {
  const missing = missingPeers(['janus', 'simple-whip-server']);
  if (missing) return { unavailable: missing };
  const janus = await startJanus({ publishers });
  try {
    const whip = await startSimpleWhipServer(janus.wsUrl);
    let next = 0;
    return {
      whipUrl: () => whip.createEndpoint(`bench-${next++}`, janus.room),
      subscribe: (answerOffer) => subscribeInJanus(janus, answerOffer),
      async close() {
        await whip.stop();
        await janus.stop();
      },
    };
  } catch (error) {
    await janus.stop();
    throw error;
  }
}
