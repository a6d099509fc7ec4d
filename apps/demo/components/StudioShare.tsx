import { isLoopbackUrl } from '../lib/isLoopbackUrl';
import { CopyField } from './CopyField';
import { QrCode } from './QrCode';

/** The full watch link, to copy or to scan with a phone. */
export function StudioShare({ watchUrl }: { watchUrl: string }) {
  return (
    <section className="card" aria-labelledby="share-title">
      <h2 id="share-title">Share</h2>
      <CopyField label="Watch link" value={watchUrl} testId="watch-url" />
      <div className="qr">
        <QrCode value={watchUrl} label="QR code of the watch link" />
        <p className="muted">
          Scan to watch on a phone, or{' '}
          <a href={watchUrl} target="_blank" rel="noopener" data-testid="watch-link">
            open the watch page
          </a>{' '}
          in a new tab.
          {isLoopbackUrl(watchUrl) && (
            <>
              {' '}
              This address only works on this computer: to watch from a phone on your network, start the demo with{' '}
              <code>HOST=0.0.0.0 npm start</code>.
            </>
          )}
        </p>
      </div>
    </section>
  );
}
