import { setTimeout as sleep } from 'node:timers/promises';

/** One webhook request as a platform sends it. */
export interface OutgoingWebhook {
  readonly url: string;
  /** Lower-case header names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** One attempt to deliver a webhook: what was sent and how the receiver answered. */
export interface WebhookAttempt extends OutgoingWebhook {
  /** The receiver's status, or `null` when it could not be reached or did not answer in time. */
  readonly status: number | null;
}

/** The webhooks a simulator sends for the changes made to its store. */
export interface SimulatorWebhooks {
  /** Every delivery attempt since start or the last `reset`, in order. */
  readonly deliveries: readonly WebhookAttempt[];
  /** Resolves once no delivery or retry is pending. */
  settled(): Promise<void>;
}

export interface WebhookSenderOptions {
  /** The platform's waits before each retry of a failed delivery, in the platform's seconds. */
  readonly retryDelaysSeconds: readonly number[];
  /** How long the platform waits for an answer, in milliseconds. */
  readonly timeoutMs: number;
  /** Real milliseconds per platform second of the retry waits (default 1: an hour lasts 3.6 s). */
  readonly msPerPlatformSecond?: number | undefined;
}

/** Delivers webhooks in the background, as platforms do, retrying failed ones on the platform's schedule. */
export class WebhookSender implements SimulatorWebhooks {
  readonly deliveries: WebhookAttempt[] = [];
  private readonly pending = new Set<Promise<void>>();
  private readonly closing = new AbortController();

  constructor(private readonly options: WebhookSenderOptions) {}

  /**
   * Sends one event; `build` gives each attempt's request (a platform may re-sign a retry), and
   * `onOutcome` hears whether each attempt was delivered (WooCommerce counts failures in a row).
   */
  send(build: (attempt: number) => OutgoingWebhook, onOutcome?: (delivered: boolean) => void): void {
    const delivery = this.deliver(build, onOutcome).finally(() => this.pending.delete(delivery));
    this.pending.add(delivery);
  }

  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  /** Forgets the attempts made so far (a simulator's `reset`). */
  clear(): void {
    this.deliveries.length = 0;
  }

  /** Drops pending retries. */
  close(): void {
    this.closing.abort();
  }

  private async deliver(
    build: (attempt: number) => OutgoingWebhook,
    onOutcome: ((delivered: boolean) => void) | undefined,
  ): Promise<void> {
    const scale = this.options.msPerPlatformSecond ?? 1;
    for (let attempt = 0; ; attempt += 1) {
      if (this.closing.signal.aborted) return;
      const request = build(attempt);
      const status = await this.post(request);
      this.deliveries.push({ ...request, status });
      const delivered = status !== null && status >= 200 && status < 300;
      onOutcome?.(delivered);
      const wait = this.options.retryDelaysSeconds[attempt];
      if (delivered || wait === undefined) return;
      await sleep(wait * scale, undefined, { signal: this.closing.signal }).catch(() => undefined);
    }
  }

  private async post(request: OutgoingWebhook): Promise<number | null> {
    try {
      const response = await fetch(request.url, {
        method: 'POST',
        headers: request.headers,
        body: request.body,
        signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs), this.closing.signal]),
      });
      await response.arrayBuffer();
      return response.status;
    } catch {
      return null;
    }
  }
}
