export interface Link {
  /** Target, resolved against the response URL when it is relative. */
  url: string;
  /** Space-separated relation types, lower-cased (e.g. "ice-server"). */
  rel: string;
  /** Every other parameter, names lower-cased, quoted values unescaped. */
  params: Record<string, string>;
}

// One link-value: <target> then `; name[=value]` parameters, whose quoted values may hold commas.
const PARAM = /;\s*([^\s=;,]+)(?:\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;,]*)))?/g;

/** RFC 8288 `Link` parsing; fetch joins repeated headers with ", ", which this handles. */
export function parseLinkHeader(header: string | null | undefined, base?: string): Link[] {
  return [...(header ?? '').matchAll(/<([^>]*)>([^<]*)/g)].map(([, target = '', rest = '']) => {
    const params: Record<string, string> = {};
    // RFC 8288 §3: only the first occurrence of a parameter counts.
    for (const [, name = '', quoted, bare] of rest.matchAll(PARAM)) params[name.toLowerCase()] ??= quoted?.replace(/\\(.)/g, '$1') ?? bare?.trim() ?? '';
    const { rel = '', ...others } = params;
    let url = target;
    try {
      url = new URL(target, base).href;
    } catch {
      // Not resolvable (e.g. no base given for a relative target): keep it as written.
    }
    return { url, rel: rel.toLowerCase(), params: others };
  });
}

/** The links with relation type `rel` (a link may carry several, space-separated). */
export const linksWith = (links: readonly Link[], rel: string) => links.filter((link) => link.rel.split(/\s+/).includes(rel));

/** `rel="ice-server"` links (RFC 9725 §4.6) as RTCIceServer entries. */
export function iceServersFromLinks(links: readonly Link[]): RTCIceServer[] {
  return linksWith(links, 'ice-server').map(({ url, params }) => ({ urls: url, username: params.username, credential: params.credential }));
}
