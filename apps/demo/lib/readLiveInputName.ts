export const MAX_LIVE_INPUT_NAME_LENGTH = 100;

/**
 * The name asked for in a `POST /api/live-inputs` body (`''` when none was given), or null when the body is
 * not `{"name"?: string}` with at most MAX_LIVE_INPUT_NAME_LENGTH characters.
 */
export async function readLiveInputName(request: Request): Promise<string | null> {
  const text = await request.text();
  if (!text.trim()) return '';
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const name = (body as { name?: unknown }).name;
  if (name === undefined) return '';
  if (typeof name !== 'string' || name.length > MAX_LIVE_INPUT_NAME_LENGTH) return null;
  return name.trim();
}
