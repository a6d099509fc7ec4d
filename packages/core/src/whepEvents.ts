import { onAbort } from './abortable';
import type { HttpSend } from './httpClient';
import { linksWith, type Link } from './linkHeader';

/** The WHEP server-sent-events extension (WHEP core extensions, wish-wg). */
export const EVENTS_REL = 'urn:ietf:params:whep:ext:core:server-sent-events';
const EVENTS = ['active', 'inactive', 'viewercount'];

/**
 * Subscribes to the stream's events where `links` offer them: POSTs the events we read, then
 * follows the event stream (an EventSource: its URL is a capability, it needs no token) until
 * `signal` aborts. `on` gets each event and `error` once if the stream breaks (it is closed then:
 * a stream that ends with its session would only meet a 404 when reconnecting). Resolves whether
 * there are events to follow.
 */
export async function subscribeEvents(
  http: HttpSend,
  links: readonly Link[],
  signal: AbortSignal,
  on: (event: string, data: { viewercount?: number }) => void,
): Promise<boolean> {
  const [link] = linksWith(links, EVENTS_REL);
  if (!link || !globalThis.EventSource) return false;
  const response = await http('POST', link.url, { body: JSON.stringify(EVENTS), type: 'application/json' }).catch(() => null);
  const location = response?.status === 201 && response.headers.get('location');
  if (!location) return false;
  const source = new EventSource(new URL(location, response.url || link.url));
  for (const event of EVENTS) source.addEventListener(event, (e) => on(event, JSON.parse((e as MessageEvent<string>).data || '{}')));
  source.onerror = () => {
    source.close();
    on('error', {});
  };
  onAbort(signal, () => source.close());
  return true;
}
