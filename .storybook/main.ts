import type { StorybookConfig } from '@storybook/react-vite';
import { defaultClientConditions, mergeConfig } from 'vite';
import { onairServerPlugin } from './onairServerPlugin.ts';

const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../packages/*/src/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-vitest', '@storybook/addon-a11y', '@storybook/addon-docs'],
  core: { disableTelemetry: true },
  typescript: { reactDocgen: 'react-docgen' },
  viteFinal: (viteConfig) =>
    mergeConfig(viteConfig, {
      // Live stories play against a local server started with Storybook (dev and the test run).
      plugins: [onairServerPlugin()],
      // Stories read package sources (the `@onair/source` export condition), never stale builds.
      resolve: { conditions: ['@onair/source', ...defaultClientConditions] },
      build: {
        rolldownOptions: {
          // 'use client' is for Next; in a Storybook bundle it is meaningless, and dropping it is fine.
          onwarn(warning: { code?: string }, warn: (warning: { code?: string }) => void) {
            if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
          },
        },
      },
    }),
};

export default config;
