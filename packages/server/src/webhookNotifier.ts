/** Cloudflare Notifications' body for live input events. */
export interface LiveInputWebhook {
  name: string;
  text: string;
  data: {
    notification_name: 'Stream Live Input';
    input_id: string;
    event_type: 'live_input.connected' | 'live_input.disconnected' | 'live_input.errored';
    updated_at: string;
  };
  ts: number;
}

export interface WebhookOptions {
  url: string;
  /** Deliveries tried per event (first try included). */
  attempts?: number;
  /** Wait before the first retry; doubles each time. */
  retryDelayMs?: number;
  /** Per-attempt timeout. */
  timeoutMs?: number;
}

const DEFAULTS = { attempts: 5, retryDelayMs: 1000, timeoutMs: 5000 };

export function liveInputWebhook(inputId: string, name: string, eventType: LiveInputWebhook['data']['event_type']): LiveInputWebhook {
  const now = new Date();
  const verb = eventType.split('.')[1];
  return {
    name,
    text: `Live input ${name} ${verb}`,
    data: { notification_name: 'Stream Live Input', input_id: inputId, event_type: eventType, updated_at: now.toISOString() },
    ts: Math.floor(now.getTime() / 1000),
  };
}

/**
 * POSTs events to the configured URL, retrying non-2xx answers and network errors with
 * exponential backoff. Fire and forget; `close()` drops pending retries.
 */
export class WebhookNotifier {
  private readonly options: Required<WebhookOptions>;
  private readonly pending = new Set<NodeJS.Timeout>();
  private readonly aborter = new AbortController();

  constructor(options: WebhookOptions) {
    this.options = { ...DEFAULTS, ...options };
  }

  send(body: LiveInputWebhook): void {
    void this.attempt(JSON.stringify(body), 1);
  }

  close(): void {
    this.aborter.abort();
    for (const timer of this.pending) clearTimeout(timer);
    this.pending.clear();
  }

  private async attempt(body: string, attempt: number): Promise<void> {
    if (this.aborter.signal.aborted) return;
    try {
      const res = await fetch(this.options.url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
        signal: AbortSignal.any([this.aborter.signal, AbortSignal.timeout(this.options.timeoutMs)]),
      });
      await res.body?.cancel();
      if (res.ok) return;
    } catch {
      // Network error or timeout: retried below like a 5xx.
    }
    if (attempt >= this.options.attempts || this.aborter.signal.aborted) return;
    const timer = setTimeout(() => {
      this.pending.delete(timer);
      void this.attempt(body, attempt + 1);
    }, this.options.retryDelayMs * 2 ** (attempt - 1));
    timer.unref();
    this.pending.add(timer);
  }
}
