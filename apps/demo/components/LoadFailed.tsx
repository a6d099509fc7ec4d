import type { DemoApiFailure } from '../lib/demoApiError';
import { Notice } from './Notice';

/** A page whose input could not be loaded (server unreachable, credentials refused): why, and a reload. */
export function LoadFailed({ title, failure, retryHref }: { title: string; failure: DemoApiFailure; retryHref: string }) {
  return (
    <Notice title={title} state="error" action={{ href: retryHref, label: 'Try again', reload: true }}>
      <p className="alert" role="alert" data-kind={failure.kind}>
        {failure.message}
      </p>
    </Notice>
  );
}
