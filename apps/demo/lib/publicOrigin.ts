import 'server-only';
import { headers } from 'next/headers';

/**
 * Where people reach this demo, for full watch links and QR codes: `DEMO_PUBLIC_URL` when set (npm start
 * sets it when serving the local network), else the origin this request came to (a proxy's forwarded one first).
 */
export async function publicOrigin(): Promise<string> {
  const configured = process.env.DEMO_PUBLIC_URL?.trim();
  if (configured) return configured.replace(/\/+$/, '');
  const request = await headers();
  const first = (name: string) => request.get(name)?.split(',')[0]?.trim() || undefined;
  const host = first('x-forwarded-host') ?? first('host') ?? 'localhost';
  const protocol = first('x-forwarded-proto') ?? 'http';
  return `${protocol}://${host}`;
}
