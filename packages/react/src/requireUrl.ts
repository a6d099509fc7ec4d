/** A session without an endpoint is a programming error: say so at render time, not at the first fetch. */
export function requireUrl(url: string | undefined, caller: string): string {
  if (url) return url;
  throw new TypeError(`${caller}: pass the endpoint \`url\` (or a \`session\`).`);
}
