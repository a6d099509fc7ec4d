import { requireBearer } from './bearerAuth.js';
import { ErrorCode, sendEnvelope } from './envelope.js';
import { HttpError } from './httpError.js';
import { parseLiveInputBody } from './liveInputBody.js';
import type { LiveInputRecord, LiveInputSettings } from './liveInputStore.js';
import { DEFAULT_RECORDING } from './liveInputStore.js';
import { toLiveInput, toLiveInputSummary } from './liveInputView.js';
import { readJson } from './requestBody.js';
import type { RequestContext, Router } from './router.js';
import type { ServerContext } from './serverContext.js';

export const LIVE_INPUTS_PATH = '/client/v4/accounts/:account/stream/live_inputs';

const DEFAULT_SETTINGS: LiveInputSettings = {
  meta: {},
  enabled: true,
  defaultCreator: null,
  deleteRecordingAfterDays: null,
  recording: DEFAULT_RECORDING,
};

const notFound = () => new HttpError(404, 'Live input not found', ErrorCode.notFound);

/** Cloudflare Stream's live-inputs API, same paths and envelope. */
export function addLiveInputsApi(router: Router, server: ServerContext): void {
  /** Auth and account check first, then the handler with the account id. */
  const api = (handler: (ctx: RequestContext, account: string) => Promise<void> | void) => (ctx: RequestContext) => {
    requireBearer(ctx.req, server.apiToken);
    const account = ctx.params.account!;
    if (server.accountId !== null && account !== server.accountId) throw new HttpError(404, 'Account not found', ErrorCode.notFound);
    return handler(ctx, account);
  };
  const find = (account: string, uid: string): LiveInputRecord => server.store.get(account, uid) ?? throwNotFound();
  const view = (record: LiveInputRecord) => toLiveInput(record, server.baseUrl());

  router
    .add(
      'POST',
      LIVE_INPUTS_PATH,
      api(async ({ req, res }, account) => {
        const settings = parseLiveInputBody(await readJson(req), DEFAULT_SETTINGS);
        sendEnvelope(res, 200, view(server.store.create(account, settings)));
      }),
    )
    .add(
      'GET',
      LIVE_INPUTS_PATH,
      api(({ res }, account) => {
        const inputs = server.store.list(account);
        sendEnvelope(res, 200, { liveInputs: inputs.map(toLiveInputSummary), range: inputs.length, total: inputs.length });
      }),
    )
    .add(
      'GET',
      `${LIVE_INPUTS_PATH}/:uid`,
      api(({ res, params }, account) => sendEnvelope(res, 200, view(find(account, params.uid!)))),
    )
    .add(
      'PUT',
      `${LIVE_INPUTS_PATH}/:uid`,
      api(async ({ req, res, params }, account) => {
        const current = find(account, params.uid!);
        const settings = parseLiveInputBody(await readJson(req), current);
        const updated = server.store.update(account, current.uid, settings) ?? throwNotFound();
        sendEnvelope(res, 200, view(updated));
      }),
    )
    .add(
      'DELETE',
      `${LIVE_INPUTS_PATH}/:uid`,
      api(async ({ res, params }, account) => {
        if (!server.store.delete(account, params.uid!)) throw notFound();
        await server.registry.closeInput(params.uid!);
        sendEnvelope(res, 200, null);
      }),
    )
    .add(
      'POST',
      `${LIVE_INPUTS_PATH}/:uid/rotate_keys`,
      api(({ res, params }, account) => {
        const rotated = server.store.rotateSecret(account, params.uid!) ?? throwNotFound();
        sendEnvelope(res, 200, view(rotated));
      }),
    )
    .add(
      'GET',
      `${LIVE_INPUTS_PATH}/:uid/videos`,
      // WebRTC inputs are not recorded (neither on Cloudflare today).
      api(({ res, params }, account) => {
        find(account, params.uid!);
        sendEnvelope(res, 200, []);
      }),
    );
}

function throwNotFound(): never {
  throw notFound();
}
