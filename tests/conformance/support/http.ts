/** Plain HTTP calls on WHIP/WHEP URLs, read fully so every test sees status, headers and body. */
export const SDP = 'application/sdp';
export const SDPFRAG = 'application/trickle-ice-sdpfrag';

export interface HttpResult {
  status: number;
  headers: Headers;
  body: string;
}

export async function http(url: string, init: RequestInit = {}): Promise<HttpResult> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  return { status: response.status, headers: response.headers, body: await response.text() };
}

export function postSdp(url: string, sdp: string, headers: Record<string, string> = {}): Promise<HttpResult> {
  return http(url, { method: 'POST', headers: { 'content-type': SDP, ...headers }, body: sdp });
}

export function patchFragment(url: string, fragment: string, ifMatch?: string): Promise<HttpResult> {
  return http(url, { method: 'PATCH', headers: { 'content-type': SDPFRAG, ...(ifMatch ? { 'if-match': ifMatch } : {}) }, body: fragment });
}

/** Splits a comma-separated header into lower-case tokens. */
export function headerTokens(headers: Headers, name: string): string[] {
  return (headers.get(name) ?? '')
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter(Boolean);
}

/** RFC 9110 strong entity-tag: a quoted string without the `W/` prefix. */
export const STRONG_ETAG = /^"[\x21\x23-\x7e\x80-\xff]*"$/;

/** Parses `Link` header values into `{ uri, params }` (params lower-cased, quotes removed). */
export function parseLinks(headers: Headers): { uri: string; params: Record<string, string> }[] {
  const value = headers.get('link');
  if (!value) return [];
  const links: { uri: string; params: Record<string, string> }[] = [];
  for (const match of value.matchAll(/<([^>]*)>((?:\s*;\s*[^;,=]+(?:=(?:"[^"]*"|[^;,]*))?)*)/g)) {
    const params: Record<string, string> = {};
    for (const param of match[2]!.matchAll(/;\s*([^;,=\s]+)(?:=(?:"([^"]*)"|([^;,]*)))?/g)) {
      params[param[1]!.toLowerCase()] = (param[2] ?? param[3] ?? '').trim();
    }
    links.push({ uri: match[1]!, params });
  }
  return links;
}
