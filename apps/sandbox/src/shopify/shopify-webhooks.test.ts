import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { simulatorAndReceiver } from '../../test/support/simulator-and-receiver';
import { startShopifySimulator } from './shopify-simulator';

const bed = simulatorAndReceiver(() =>
  startShopifySimulator({
    count: 5,
    accessToken: 'shpat_test',
    clientSecret: 'shpss_app_secret',
    throttle: false,
    webhookMsPerSecond: 0.01,
  }),
);

async function graphql(query: string, variables: object = {}) {
  const response = await fetch(`${bed.simulator.url}/admin/api/2026-01/graphql.json`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shopify-access-token': 'shpat_test' },
    body: JSON.stringify({ query, variables }),
  });
  return (
    (await response.json()) as { data: Record<string, { userErrors?: unknown[] } & Record<string, unknown>> }
  ).data;
}

const subscribe = (topic: string) =>
  graphql(
    `mutation($topic: WebhookSubscriptionTopic!, $uri: String!) {
      webhookSubscriptionCreate(topic: $topic, webhookSubscription: { uri: $uri, format: JSON }) {
        webhookSubscription { id topic uri } userErrors { field message }
      }
    }`,
    { topic, uri: `${bed.receiver.url}/in` },
  );

describe('webhook subscriptions', () => {
  it('creates, lists and deletes subscriptions through the GraphQL Admin API', async () => {
    const created = (await subscribe('CUSTOMERS_UPDATE')).webhookSubscriptionCreate as {
      webhookSubscription: { id: string };
    };
    expect(created).toStrictEqual({
      webhookSubscription: {
        id: expect.stringMatching(/^gid:\/\/shopify\/WebhookSubscription\/\d+$/),
        topic: 'CUSTOMERS_UPDATE',
        uri: `${bed.receiver.url}/in`,
      },
      userErrors: [],
    });
    expect((await subscribe('CUSTOMERS_UPDATE')).webhookSubscriptionCreate?.userErrors).toHaveLength(1);
    const listed = await graphql('{ webhookSubscriptions(first: 10) { nodes { id topic uri } } }');
    expect(listed.webhookSubscriptions).toStrictEqual({ nodes: [created.webhookSubscription] });
    const deleted = await graphql(
      'mutation($id: ID!) { webhookSubscriptionDelete(id: $id) { deletedWebhookSubscriptionId userErrors { message } } }',
      { id: created.webhookSubscription.id },
    );
    expect(deleted.webhookSubscriptionDelete).toStrictEqual({
      deletedWebhookSubscriptionId: created.webhookSubscription.id,
      userErrors: [],
    });
  });

  it('sends customers/update with the REST payload, signed with the client secret', async () => {
    await subscribe('CUSTOMERS_UPDATE');
    const id = bed.simulator.customerIds()[0]!;
    await graphql(
      'mutation($input: CustomerInput!) { customerUpdate(input: $input) { userErrors { message } } }',
      {
        input: { id: `gid://shopify/Customer/${id}`, firstName: 'Zoë' },
      },
    );
    await bed.simulator.webhooks.settled();

    const [delivery] = bed.receiver.received;
    const payload = JSON.parse(delivery!.body);
    expect(payload).toMatchObject({
      id: Number(id),
      first_name: 'Zoë',
      admin_graphql_api_id: `gid://shopify/Customer/${id}`,
    });
    expect(payload).not.toHaveProperty('tags');
    expect(delivery?.headers).toMatchObject({
      'x-shopify-topic': 'customers/update',
      'x-shopify-shop-domain': 'unicart-sandbox.myshopify.com',
      'x-shopify-api-version': '2026-01',
      'x-shopify-event-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
      'x-shopify-webhook-id': expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const expected = createHmac('sha256', 'shpss_app_secret').update(delivery!.body).digest('base64');
    expect(delivery?.headers['x-shopify-hmac-sha256']).toBe(expected);
  });

  it('sends customers/create and customers/delete, and retries with the same event id', async () => {
    await subscribe('CUSTOMERS_CREATE');
    await subscribe('CUSTOMERS_DELETE');
    bed.receiver.answerNext(500);
    const created = await graphql(
      'mutation($input: CustomerInput!) { customerCreate(input: $input) { customer { id } userErrors { message } } }',
      { input: { email: 'ana.new@example.com' } },
    );
    const customerId = (created.customerCreate!.customer as { id: string }).id;
    await graphql(
      'mutation($input: CustomerDeleteInput!) { customerDelete(input: $input) { deletedCustomerId } }',
      {
        input: { id: customerId },
      },
    );
    await bed.simulator.webhooks.settled();
    const topics = bed.receiver.received.map((delivery) => delivery.headers['x-shopify-topic']);
    expect(topics.sort()).toStrictEqual(['customers/create', 'customers/create', 'customers/delete']);
    const creates = bed.receiver.received.filter(
      (delivery) => delivery.headers['x-shopify-topic'] === 'customers/create',
    );
    expect(creates[1]?.headers['x-shopify-event-id']).toBe(creates[0]?.headers['x-shopify-event-id']);
  });
});
