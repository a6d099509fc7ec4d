import { requireBearer } from './bearerAuth.js';
import { writeJson } from './envelope.js';
import { HttpError } from './httpError.js';
import type { Router } from './router.js';
import type { ServerContext } from './serverContext.js';

/**
 * Read-only views of what is happening on an input: Cloudflare's `lifecycle`, a live viewer count
 * (`views`, Cloudflare's shape for HLS), per-input relay stats and the open-sessions debug list.
 */
export function addInputStatusRoutes(router: Router, server: ServerContext): void {
  const input = (uid: string) => server.store.byUid(uid) ?? notFound();

  router
    .add('GET', '/:uid/lifecycle', ({ res, params }) => {
      const record = input(params.uid!);
      writeJson(res, 200, { isInput: true, videoUID: null, live: server.registry.existingRelay(record.uid)?.live ?? false });
    })
    .add('GET', '/:uid/views', ({ res, params }) => {
      const record = input(params.uid!);
      writeJson(res, 200, { liveViewers: server.registry.existingRelay(record.uid)?.viewerCount ?? 0 });
    })
    .add('GET', '/_onair/live_inputs/:uid/stats', ({ res, params }) => {
      const record = input(params.uid!);
      writeJson(res, 200, server.registry.relay(record.uid).stats());
    })
    // Session ids are the only credential of the session URLs: listed for the API token's holder only.
    .add('GET', '/_onair/sessions', ({ req, res }) => {
      requireBearer(req, server.apiToken);
      writeJson(res, 200, server.registry.list());
    });
}

function notFound(): never {
  throw new HttpError(404, 'No live input with this id');
}
