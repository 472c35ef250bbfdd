import { afterAll, afterEach, beforeAll } from 'vitest';
import { startWebhookReceiver, type WebhookReceiver } from '../../src/kit/webhook-receiver';

/** A simulator and a webhook receiver, as a test file's hooks keep them. */
export interface SimulatorAndReceiver<Simulator> {
  readonly simulator: Simulator;
  readonly receiver: WebhookReceiver;
}

/**
 * Starts a simulator and a webhook receiver for a test file, resets the simulator and forgets what
 * the receiver got after each test (then `afterReset`, e.g. to set an app's webhook URL again), and
 * closes both at the end.
 */
export function simulatorAndReceiver<Simulator extends { reset(): void; close(): Promise<void> }>(
  start: () => Promise<Simulator>,
  afterReset: (bed: SimulatorAndReceiver<Simulator>) => void = () => undefined,
): SimulatorAndReceiver<Simulator> {
  const bed = {} as { simulator: Simulator; receiver: WebhookReceiver };
  beforeAll(async () => {
    bed.simulator = await start();
    bed.receiver = await startWebhookReceiver();
    afterReset(bed);
  });
  afterEach(() => {
    bed.simulator.reset();
    bed.receiver.received.length = 0;
    afterReset(bed);
  });
  afterAll(async () => {
    await bed.simulator.close();
    await bed.receiver.close();
  });
  return bed;
}
