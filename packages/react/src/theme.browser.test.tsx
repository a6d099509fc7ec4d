/// <reference types="vite/client" />
import { expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import './theme.css';

// A browser drops a declaration it cannot parse without a word (`font: 600 0.95rem/1.2 inherit` was
// one: `inherit` is only valid alone), and the theme's controls then fell back to the UA's 13px font,
// or to the page's font beside the theme's own in the same component.
test("the theme's buttons and selects use the theme's font (--onair-font) at its size and weight", async () => {
  const screen = await render(
    <div style={{ fontFamily: 'serif' }}>
      <button data-onair="button">Go live</button>
      <div data-onair="device-selector" style={{ ['--onair-font' as string]: 'monospace' }}>
        <label htmlFor="camera">Camera</label>
        <select id="camera" />
        <button>Retry</button>
      </div>
    </div>,
  );
  const style = (element: Element) => getComputedStyle(element);
  const rem = parseFloat(style(document.documentElement).fontSize);
  const button = style(screen.getByRole('button', { name: 'Go live' }).element());
  expect([button.fontSize, button.fontWeight]).toEqual([`${0.95 * rem}px`, '600']);
  expect(button.fontFamily).toMatch(/^system-ui/);
  const select = style(screen.getByRole('combobox').element());
  const retry = style(screen.getByRole('button', { name: 'Retry' }).element());
  const label = style(screen.getByText('Camera').element());
  expect([select.fontFamily, select.fontSize]).toEqual(['monospace', `${0.95 * rem}px`]);
  expect([retry.fontFamily, label.fontFamily]).toEqual(['monospace', 'monospace']);
});
