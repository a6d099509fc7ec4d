/** "3 watching", or nothing where the host does not count viewers (Cloudflare's WebRTC inputs): never a wrong 0. */
export function ViewerCount({ count }: { count: number | null | undefined }) {
  if (count == null) return null;
  return (
    <span className="viewer-count" data-testid="viewer-count">
      {count} watching
    </span>
  );
}
