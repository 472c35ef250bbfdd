import { NotFoundError, type UnicartError, type UpstreamReply, UpstreamUnauthorizedError } from '@unicart/core';

/** Maps BigCommerce's error replies to core errors; `undefined` keeps core's status-based default. */
export function classifyBigCommerceFailure(reply: UpstreamReply): UnicartError | undefined {
  if (reply.status === 401 || reply.status === 403) {
    return new UpstreamUnauthorizedError('BigCommerce rejected the store credentials', { platform: 'bigcommerce' });
  }
  if (reply.status === 404) return new NotFoundError('No such customer', { platform: 'bigcommerce' });
  return undefined;
}
