/// <reference types="vite/client" />
import type { Preview } from '@storybook/react-vite';
// Stories show the optional theme; the components themselves are unstyled.
import '../packages/react/src/theme.css';

const preview: Preview = {
  // Every component gets a docs page from its stories and props.
  tags: ['autodocs'],
  parameters: {
    layout: 'centered',
    // axe-core runs after every story in the test run: any violation fails it.
    a11y: { test: 'error' },
  },
};

export default preview;
