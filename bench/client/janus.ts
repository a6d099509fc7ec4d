// Janus as the client bench's reference server: Debian's Janus (VideoRoom) behind Meetecho's
// simple-whip-server, started the way the interop suite starts them. WHIP only (Janus 1.1 has no WHEP).
import { startJanus } from '../../tests/interop/support/janus.ts';
import { missingPeers } from '../../tests/interop/support/peers.ts';
import { startSimpleWhipServer } from '../../tests/interop/support/simpleWhipServer.ts';

export interface JanusTarget {
  /** A fresh WHIP endpoint (simple-whip-server allows one publisher per endpoint). */
  whipUrl(): Promise<string>;
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
