// Vitest browser commands (they run in the Vitest Node process) that record what the test page's
// console would show in red for requests: every response with a 4xx/5xx status, from any frame.
import type { Response } from 'playwright';
import type { BrowserCommand } from 'vitest/node';

const failed: string[] = [];
let recording: ((response: Response) => void) | null = null;

/** Starts recording failed responses (clearing earlier ones). */
const recordFailedResponses: BrowserCommand<[]> = async ({ page }) => {
  failed.length = 0;
  if (recording) return;
  recording = (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.request().method()} ${response.url()}`);
  };
  page.on('response', recording);
};

/** The failed responses recorded so far, e.g. `404 DELETE http://…`. */
const failedResponses: BrowserCommand<[]> = async () => [...failed];

export const pageNetworkCommands = { recordFailedResponses, failedResponses };
