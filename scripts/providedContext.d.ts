// What scripts/onairServerSetup.ts provides to the browser suites through `inject()`.
import 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the real @onair/server the browser suites run against, e.g. http://127.0.0.1:41234 */
    onairServerUrl: string;
    /** Account id to use in `/client/v4/accounts/{accountId}/stream/live_inputs`. */
    onairAccountId: string;
  }
}
