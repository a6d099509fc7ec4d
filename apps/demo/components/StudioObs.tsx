import { CopyField } from './CopyField';

/** The WHIP URL for other encoders: the secret in it is the publish credential. */
export function StudioObs({ whipUrl }: { whipUrl: string }) {
  return (
    <section className="card" aria-labelledby="obs-title">
      <h2 id="obs-title">Go live from OBS</h2>
      <CopyField
        label="WHIP URL"
        value={whipUrl}
        testId="whip-url"
        hint={
          <>
            OBS 30 or later: Settings → Stream → Service <strong>WHIP</strong>, Server: this URL, no token. Keep it secret:
            anyone with it can go live here.
          </>
        }
      />
    </section>
  );
}
