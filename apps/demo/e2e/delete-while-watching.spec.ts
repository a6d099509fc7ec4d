import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { expectPlaying, serverSessions, trackPeerConnections } from './support/media';
import { createLiveInput, goLive } from './support/studio';

test('deleting an input while someone watches tells the viewer and the creator, and the server lets go of both', async ({ context, request }) => {
  await trackPeerConnections(context);
  const { studio, uid } = await createLiveInput(context, 'e2e delete while watching');
  await goLive(studio);
  const viewer = await context.newPage();
  await viewer.goto(`/watch/${uid}`);
  await expectPlaying(viewer);

  const home = await context.newPage();
  await home.goto('/');
  const row = home.locator(`[data-testid="live-input-row"][data-uid="${uid}"]`);
  const dialog = home.getByRole('dialog', { name: 'Delete “e2e delete while watching”?' });

  // Escape cancels; Cancel has the focus, so a stray Enter deletes nothing.
  await row.getByRole('button', { name: 'Delete e2e delete while watching' }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectNoAxeViolations(home, 'the delete confirmation');
  await home.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(row).toBeVisible();

  await row.getByRole('button', { name: 'Delete e2e delete while watching' }).click();
  await dialog.getByRole('button', { name: 'Delete live input' }).click();
  await expect(row).toHaveCount(0);

  await expect(viewer.getByRole('heading', { level: 1 })).toHaveText('This stream was deleted');
  await expect(studio.getByRole('heading', { level: 1 })).toHaveText('This live input was deleted');
  await expect.poll(() => serverSessions(request, uid), { message: 'no session left on the server for the deleted input' }).toEqual({ whip: 0, whep: 0 });

  // The watch link now leads to the unknown-input page.
  const response = await viewer.goto(`/watch/${uid}`);
  expect(response?.status()).toBe(404);
  await expect(viewer.getByRole('heading', { level: 1 })).toHaveText('This stream does not exist');
});
