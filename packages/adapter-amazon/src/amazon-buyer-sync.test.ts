import { type AmazonSimulator, startAmazonSimulator } from '@unicart/sandbox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createAmazonOrdersReader } from './amazon-adapter';
import { type AmazonSyncStep, historyStart, readAmazonOrdersPage } from './amazon-buyer-sync';
import { type AmazonOrderLedger, createMemoryAmazonOrderLedger } from './amazon-order-ledger';

describe('readAmazonOrdersPage', () => {
  let simulator: AmazonSimulator;
  let ledger: AmazonOrderLedger;
  beforeAll(async () => {
    simulator = await startAmazonSimulator({ count: 150, seed: 3, settleMs: 0, rateLimit: false });
  });
  afterAll(() => simulator.close());
  beforeEach(() => {
    simulator.reset();
    ledger = createMemoryAmazonOrderLedger();
  });

  const reader = () =>
    createAmazonOrdersReader({ ...simulator.credentials, baseUrl: simulator.url, retry: { maxRetries: 0 } });
  const searches = () => simulator.requests.filter((request) => request.path === '/orders/2026-01-01/orders');

  async function readWindow(options: { historyDays?: number; completeRead?: boolean } = {}) {
    const api = reader();
    const steps: AmazonSyncStep[] = [];
    do {
      const step = await readAmazonOrdersPage(api, ledger, { historyDays: 730, ...options });
      await ledger.settle(step.customerIds);
      steps.push(step);
    } while (!steps.at(-1)?.windowDone);
    return steps;
  }

  it('reads the history window page by page, keeping the page token, and is ready at its end', async () => {
    const api = reader();
    const first = await readAmazonOrdersPage(api, ledger, { historyDays: 730 });
    expect(first).toMatchObject({ ordersRead: 100, windowDone: false, ready: false });
    const state = await ledger.state();
    expect(state.readUpTo).toBeNull();
    expect(state.reading?.kind).toBe('created');
    expect(state.reading?.nextToken).toEqual(expect.any(String));
    // Another reader (a restart) resumes the window at the token the ledger kept.
    const second = await readAmazonOrdersPage(reader(), ledger, { historyDays: 730 });
    expect(searches().at(-1)?.query.paginationToken).toBe(state.reading?.nextToken);
    expect(searches().at(-1)?.query.createdAfter).toBe(searches()[0]?.query.createdAfter);
    let last = second;
    while (!last.windowDone) last = await readAmazonOrdersPage(api, ledger, { historyDays: 730 });
    expect(last.ready).toBe(true);
    expect((await ledger.state()).readUpTo).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(await ledger.customerIds()).toStrictEqual(simulator.customerIds());
  });

  it('hands every buyer to the mirror once read, and polls from the bound Amazon gave', async () => {
    const steps = await readWindow();
    const upserted = new Set(steps.flatMap((step) => step.upserts.map((customer) => customer.id)));
    expect([...upserted].sort()).toStrictEqual(simulator.customerIds());
    const bound = (await ledger.state()).readUpTo;
    const poll = await readAmazonOrdersPage(reader(), ledger, { historyDays: 730 });
    expect(searches().at(-1)?.query.lastUpdatedAfter).toBe(bound);
    expect(poll.windowDone).toBe(true);
  });

  it('deletes a buyer whose only order was cancelled, and re-derives one whose order changed', async () => {
    await readWindow();
    const [lonely] = simulator.customerIds().filter((id) => simulator.stored(id)?.orders.length === 1);
    const [order] = simulator.stored(lonely ?? '')?.orders ?? [];
    await new Promise((resolve) => setTimeout(resolve, 1100));
    simulator.updateOrder(order?.orderId ?? '', (changed) => {
      changed.fulfillment.fulfillmentStatus = 'CANCELLED';
    });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const poll = await readAmazonOrdersPage(reader(), ledger, { historyDays: 730 });
    expect(poll.deletes).toStrictEqual([lonely]);
    expect(poll.upserts).toStrictEqual([]);
  });

  it('derives again the customers of a step whose mirror write never happened (a crash in between)', async () => {
    const api = reader();
    const lost = await readAmazonOrdersPage(api, ledger, { historyDays: 730 });
    expect(lost.customerIds.length).toBeGreaterThan(0);
    const next = await readAmazonOrdersPage(api, ledger, { historyDays: 730 });
    for (const id of lost.customerIds) expect(next.customerIds).toContain(id);
    await ledger.settle(next.customerIds);
    expect((await ledger.unsettled()).size).toBe(0);
  });

  it('keeps only the buyers of the history window, and drops them when a complete read moves it', async () => {
    await readWindow({ historyDays: 200 });
    const from = Date.parse(historyStart(Date.now(), 200));
    const recent = simulator
      .customerIds()
      .filter((id) => simulator.stored(id)?.orders.some((order) => Date.parse(order.createdTime) >= from));
    expect(await ledger.customerIds()).toStrictEqual(recent);
    const before = Date.now();
    const steps = await readWindow({ historyDays: 100, completeRead: true });
    const createdAfter = searches().at(-1)?.query.createdAfter ?? '';
    expect([historyStart(before, 100), historyStart(Date.now(), 100)]).toContain(createdAfter);
    const nearer = Date.parse(historyStart(Date.now(), 100));
    const gone = recent.filter(
      (id) => !simulator.stored(id)?.orders.some((order) => Date.parse(order.createdTime) >= nearer),
    );
    expect(gone.length).toBeGreaterThan(0);
    expect(steps.flatMap((step) => step.deletes).sort()).toStrictEqual(gone);
  });
});
