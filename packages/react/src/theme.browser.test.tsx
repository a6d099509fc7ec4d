import { expect, test } from 'vitest';
import { render } from 'vitest-browser-react';
import './theme.css';

// A browser drops a declaration it cannot parse without a word (`font: 600 0.95rem/1.2 inherit` is
// one: `inherit` is only valid alone), and the theme's controls then fall back to the UA's 13px font.
test("the theme's buttons and selects use the page's font at the theme's size and weight", async () => {
  const screen = await render(
    <div style={{ fontFamily: 'serif' }}>
      <button data-onair="button">Go live</button>
      <div data-onair="device-selector">
        <select aria-label="Camera" />
      </div>
    </div>,
  );
  const button = getComputedStyle(screen.getByRole('button').element());
  const selectElement = screen.getByRole('combobox').element();
  const select = getComputedStyle(selectElement);
  const selector = getComputedStyle(selectElement.parentElement!);
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
  expect([button.fontFamily, button.fontSize, button.fontWeight]).toEqual(['serif', `${0.95 * rem}px`, '600']);
  expect([select.fontFamily, select.fontSize]).toEqual([selector.fontFamily, `${0.95 * rem}px`]);
});
