import type { LiveInput } from '../../conformance/support/target';

/** Creates a live input on a server started with `--account-id`/`--api-token`. */
export async function createLiveInput(baseUrl: string, accountId: string, token: string): Promise<LiveInput> {
  const response = await fetch(`${baseUrl}/client/v4/accounts/${accountId}/stream/live_inputs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ meta: { name: 'stress' } }),
  });
  const body = (await response.json()) as { result: LiveInput };
  if (!response.ok) throw new Error(`creating a live input → ${response.status}: ${JSON.stringify(body)}`);
  return body.result;
}

interface SessionListing {
  whip: { inputUid: string; sessionId: string }[];
  whep: { inputUid: string; sessionId: string }[];
}

/** The open sessions (the list needs the API token). */
export async function sessions(baseUrl: string, token: string): Promise<SessionListing> {
  const response = await fetch(`${baseUrl}/_onair/sessions`, { headers: { Authorization: `Bearer ${token}` } });
  if (!response.ok) throw new Error(`GET /_onair/sessions → ${response.status}`);
  return (await response.json()) as SessionListing;
}
