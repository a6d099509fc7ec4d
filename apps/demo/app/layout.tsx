import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Providers } from '../components/Providers';
// The package's optional look for its components first, then the demo's page styles.
import '@onair/react/theme.css';
import './globals.css';

export const metadata: Metadata = {
  title: 'onair demo',
  description: 'Go live from the browser over WHIP and watch with sub-second latency over WHEP.',
};

export const viewport: Viewport = { colorScheme: 'dark', themeColor: '#0d0f14' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link className="brand" href="/">
            <span className="brand-dot" aria-hidden="true" />
            onair
          </Link>
          <span className="brand-tagline">sub-second live video over WebRTC</span>
          <nav className="site-nav" aria-label="Main">
            <Link href="/">Live inputs</Link>
          </nav>
        </header>
        <main id="main" className="site-main">
          <Providers>{children}</Providers>
        </main>
      </body>
    </html>
  );
}
