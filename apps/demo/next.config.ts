import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The packages ship ESM builds (dist) with a 'use client' banner; Next compiles them with the app.
  transpilePackages: ['@onair/core', '@onair/react'],
  reactStrictMode: true,
};

export default nextConfig;
