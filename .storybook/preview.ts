/// <reference types="vite/client" />
import type { Preview } from '@storybook/react-vite';
// Stories show the optional theme; the components themselves are unstyled.
import '../packages/react/src/theme.css';

const preview: Preview = {
  parameters: { layout: 'centered' },
};

export default preview;
