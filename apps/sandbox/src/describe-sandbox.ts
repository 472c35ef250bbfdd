import { shopifyApiVersion } from './shopify/shopify-simulator';
import type { Sandbox } from './start-sandbox';

/** A value as one shell word in single quotes. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Human-readable lines: each simulator's URL, credentials and a first request to paste. */
export function describeSandbox(sandbox: Sandbox): string[] {
  const { amazon, bigcommerce, bling, ecwid, jumpseller, shopify, woocommerce } = sandbox;
  const shopifyQuery = JSON.stringify({ query: '{ customers(first: 2) { nodes { id displayName } } }' });
  const blingToken = bling.issueAccessToken();
  const amazonToken = new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: amazon.credentials.refreshToken,
    client_id: amazon.credentials.clientId,
    client_secret: amazon.credentials.clientSecret,
  }).toString();
  return [
    `Amazon       ${amazon.url}`,
    `  credentials        ${JSON.stringify(amazon.credentials)}`,
    `  try                curl -d ${shellQuote(amazonToken)} ${shellQuote(`${amazon.url}/auth/o2/token`)}`,
    `                     then curl -H 'x-amz-access-token: <access_token>' ${shellQuote(`${amazon.url}/orders/2026-01-01/orders?createdAfter=2024-01-01T00:00:00Z&includedData=BUYER&maxResultsPerPage=2`)}`,
    `Bling        ${bling.url}`,
    `  credentials        ${JSON.stringify(bling.credentials)}  (the refresh token rotates at each refresh)`,
    `  access token       ${JSON.stringify({ accessToken: blingToken })}`,
    `  try                curl -H ${shellQuote(`Authorization: Bearer ${blingToken}`)} ${shellQuote(`${bling.url}/Api/v3/contatos?criterio=1&limite=2`)}`,
    `Ecwid        ${ecwid.url}`,
    `  credentials        ${JSON.stringify(ecwid.credentials)}`,
    `  try                curl -H ${shellQuote(`Authorization: Bearer ${ecwid.credentials.accessToken}`)} ${shellQuote(`${ecwid.url}/api/v3/${ecwid.credentials.storeId}/customers?limit=2`)}`,
    `Jumpseller   ${jumpseller.url}`,
    `  credentials        ${JSON.stringify(jumpseller.credentials)}`,
    `  try                curl -u ${shellQuote(`${jumpseller.credentials.login}:${jumpseller.credentials.authToken}`)} ${shellQuote(`${jumpseller.url}/v1/customers.json?limit=2`)}`,
    `Shopify      ${shopify.url}`,
    `  credentials        ${JSON.stringify(shopify.credentials)}`,
    `  client credentials ${JSON.stringify(shopify.clientCredentials)}`,
    `  try                curl -X POST -H ${shellQuote(`X-Shopify-Access-Token: ${shopify.credentials.accessToken}`)} -H 'Content-Type: application/json' -d ${shellQuote(shopifyQuery)} ${shellQuote(`${shopify.url}/admin/api/${shopifyApiVersion}/graphql.json`)}`,
    `WooCommerce  ${woocommerce.url}`,
    `  credentials        ${JSON.stringify(woocommerce.credentials)}`,
    `  try                curl -u ${shellQuote(`${woocommerce.credentials.consumerKey}:${woocommerce.credentials.consumerSecret}`)} ${shellQuote(`${woocommerce.url}/wp-json/wc/v3/customers?per_page=2`)}`,
    `BigCommerce  ${bigcommerce.url}`,
    `  credentials        ${JSON.stringify(bigcommerce.credentials)}`,
    `  try                curl -H ${shellQuote(`X-Auth-Token: ${bigcommerce.credentials.accessToken}`)} ${shellQuote(`${bigcommerce.url}/stores/${bigcommerce.credentials.storeHash}/v3/customers?limit=2&include=addresses`)}`,
  ];
}
