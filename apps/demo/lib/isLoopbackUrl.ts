/** Whether a URL only works on this computer (localhost, 127.0.0.0/8, ::1): a phone scanning it gets nowhere. */
export function isLoopbackUrl(url: string): boolean {
  const hostname = URL.parse(url)?.hostname;
  if (!hostname) return false;
  return hostname === 'localhost' || hostname.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(hostname) || hostname === '[::1]';
}
