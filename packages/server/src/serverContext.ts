import type { LiveInputStore } from './liveInputStore.js';
import type { OverloadGuard } from './overloadGuard.js';
import type { SessionRegistry } from './sessionRegistry.js';
import type { ViewerEvents } from './viewerEvents.js';

/** What every endpoint needs: storage, sessions and the resolved options. */
export interface ServerContext {
  store: LiveInputStore;
  registry: SessionRegistry;
  /** Base of the URLs we hand out (publicUrl or the listening URL), no trailing slash. */
  baseUrl: () => string;
  /** Configured account id; when null any account id is accepted. */
  accountId: string | null;
  apiToken: string | undefined;
  /** `Link: <…>; rel="ice-server"` values for WHIP/WHEP responses. */
  iceServerLinks: string[];
  viewerEvents: ViewerEvents;
  /** Refuses new WHIP/WHEP sessions (503) while the server is full or lagging. */
  overload: OverloadGuard;
}
