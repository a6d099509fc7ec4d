/** What a live story shows where no local server runs (a static `storybook build`): why, and how to see it live. */
export function LiveStoryNote() {
  return (
    <div
      role="note"
      style={{ maxWidth: 420, padding: '12px 16px', border: '1px solid #6b7280', borderRadius: 8, font: '15px/1.45 system-ui, sans-serif', color: '#111827', background: '#f3f4f6' }}
    >
      <strong>Live story: no local server here.</strong>
      <p style={{ margin: '6px 0 0' }}>
        This story publishes and plays real media through the local <code>@onair/server</code> that <code>pnpm storybook</code> starts. A
        static build has no server, so it shows this note instead; every other story runs on simulated sessions and works here.
      </p>
    </div>
  );
}
