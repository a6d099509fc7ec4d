import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The packages ship ESM builds (dist) with a 'use client' banner; Next compiles them with the app.
  transpilePackages: ['@onair/core', '@onair/react'],
  reactStrictMode: true,
  // Its badge covered headings on phones; the terminal still reports build errors.
  devIndicators: false,
};

export default nextConfig;
