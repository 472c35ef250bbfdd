import {
  InvalidRequestError,
  NotFoundError,
  type UnicartError,
  UpstreamError,
  type UpstreamReply,
  UpstreamTimeoutError,
  UpstreamUnauthorizedError,
} from '@unicart/core';
import { describe, expect, it } from 'vitest';
import { classifyWooCommerceFailure, whenWooCommerceCurrencyUnavailable } from './woocommerce-error';

function reply(
  status: number,
  body: unknown,
  method: UpstreamReply['method'] = 'GET',
  path = '/customers',
): UpstreamReply {
  return { method, path, status, headers: new Headers(), body };
}

function wpError(status: number, code: string, extra: Record<string, unknown> = {}) {
  return { code, message: 'Message traduit du site', data: { status, ...extra } };
}

function issues(error: UnicartError | undefined) {
  return InvalidRequestError.isInstance(error) ? error.issues : error;
}

describe('classifyWooCommerceFailure', () => {
  it('maps woocommerce_rest_cannot_view (an unknown key over HTTPS) to UpstreamUnauthorizedError', () => {
    const error = classifyWooCommerceFailure(reply(401, wpError(401, 'woocommerce_rest_cannot_view')));
    expect(UpstreamUnauthorizedError.isInstance(error)).toBe(true);
  });

  it('maps woocommerce_rest_authentication_error (a wrong secret) to UpstreamUnauthorizedError', () => {
    const error = classifyWooCommerceFailure(
      reply(401, wpError(401, 'woocommerce_rest_authentication_error')),
    );
    expect(UpstreamUnauthorizedError.isInstance(error)).toBe(true);
  });

  it("maps a 403 on listing (the key's user lacks the capability) to UpstreamUnauthorizedError", () => {
    const error = classifyWooCommerceFailure(reply(403, wpError(403, 'woocommerce_rest_cannot_view')));
    expect(UpstreamUnauthorizedError.isInstance(error)).toBe(true);
  });

  it('explains, for a plain-http site, that WooCommerce ignores API keys over HTTP', () => {
    const error = classifyWooCommerceFailure(reply(401, wpError(401, 'woocommerce_rest_cannot_view')), {
      plainHttp: true,
    });
    expect(error?.message).toBe(
      'WooCommerce rejected the API key (woocommerce_rest_cannot_view, HTTP 401 on GET /customers); the site URL is plain http://, where WooCommerce ignores API keys: use its https:// URL',
    );
  });

  it('maps a 403 woocommerce_rest_cannot_delete (a protected role) to InvalidRequestError', () => {
    const error = classifyWooCommerceFailure(
      reply(403, wpError(403, 'woocommerce_rest_cannot_delete'), 'DELETE', '/customers/1'),
    );
    expect(issues(error)).toStrictEqual([
      { path: 'id', message: 'is a user WooCommerce protects from this change' },
    ]);
  });

  it('maps a 401 woocommerce_rest_cannot_edit (nobody authenticated) to UpstreamUnauthorizedError', () => {
    const error = classifyWooCommerceFailure(
      reply(401, wpError(401, 'woocommerce_rest_cannot_edit'), 'PUT', '/customers/1'),
    );
    expect(UpstreamUnauthorizedError.isInstance(error)).toBe(true);
  });

  it('leaves a 500 woocommerce_rest_cannot_delete (the deletion failed) to the status-based default', () => {
    const failed = reply(500, wpError(500, 'woocommerce_rest_cannot_delete'), 'DELETE', '/customers/25');
    expect(classifyWooCommerceFailure(failed)).toBeUndefined();
  });

  it('maps wc_user_invalid_id to NotFoundError', () => {
    const error = classifyWooCommerceFailure(
      reply(404, wpError(404, 'wc_user_invalid_id'), 'GET', '/customers/9'),
    );
    expect(NotFoundError.isInstance(error)).toBe(true);
  });

  it('maps the older woocommerce_rest_invalid_id, even with status 400, to NotFoundError', () => {
    const error = classifyWooCommerceFailure(
      reply(400, wpError(400, 'woocommerce_rest_invalid_id'), 'PUT', '/customers/9'),
    );
    expect(NotFoundError.isInstance(error)).toBe(true);
  });

  it('maps rest_invalid_param on a list to InvalidRequestError naming the canonical parameter', () => {
    const body = wpError(400, 'rest_invalid_param', { params: { email: 'Invalid email address.' } });
    expect(issues(classifyWooCommerceFailure(reply(400, body)))).toStrictEqual([
      { path: 'email', message: 'was refused by WooCommerce' },
    ]);
  });

  it('maps rest_invalid_param on a write to InvalidRequestError naming the customer field', () => {
    const body = wpError(400, 'rest_invalid_param', {
      params: { first_name: 'first_name is not of type string.' },
    });
    expect(issues(classifyWooCommerceFailure(reply(400, body, 'POST')))).toStrictEqual([
      { path: 'customer.firstName', message: 'was refused by WooCommerce' },
    ]);
  });

  it('maps rest_missing_callback_param for email to InvalidRequestError naming customer.email', () => {
    const body = wpError(400, 'rest_missing_callback_param', { params: ['email'] });
    expect(issues(classifyWooCommerceFailure(reply(400, body, 'POST')))).toStrictEqual([
      { path: 'customer.email', message: 'is required by WooCommerce' },
    ]);
  });

  it('explains a store that requires passwords for new accounts', () => {
    const body = wpError(400, 'rest_missing_callback_param', { params: ['password'] });
    expect(issues(classifyWooCommerceFailure(reply(400, body, 'POST')))).toStrictEqual([
      {
        path: 'customer',
        message:
          'the store requires a username or password for new accounts; enable "generate username" and "generate password" in WooCommerce → Settings → Accounts & Privacy, as Unicart lets WooCommerce generate them',
      },
    ]);
  });

  it('maps registration-error-email-exists to InvalidRequestError naming customer.email', () => {
    const error = classifyWooCommerceFailure(
      reply(400, wpError(400, 'registration-error-email-exists'), 'POST'),
    );
    expect(issues(error)).toStrictEqual([
      { path: 'customer.email', message: 'is already registered on this store' },
    ]);
  });

  it('maps woocommerce_rest_customer_invalid_email to InvalidRequestError naming customer.email', () => {
    const body = wpError(400, 'woocommerce_rest_customer_invalid_email');
    expect(issues(classifyWooCommerceFailure(reply(400, body, 'PUT', '/customers/25')))).toStrictEqual([
      { path: 'customer.email', message: 'belongs to another user of this store' },
    ]);
  });

  it('maps rest_no_route to an UpstreamError that says what to check', () => {
    const error = classifyWooCommerceFailure(reply(404, wpError(404, 'rest_no_route')));
    expect([UpstreamError.isInstance(error), error?.message]).toStrictEqual([
      true,
      'WooCommerce has no REST route for GET /customers: check that url is the WordPress site root, that WooCommerce is active and that pretty permalinks are enabled',
    ]);
  });

  it('maps an HTML 404 (permalinks off, wrong URL) to an UpstreamError', () => {
    const error = classifyWooCommerceFailure(reply(404, '<!DOCTYPE html><title>Page not found</title>'));
    expect([UpstreamError.isInstance(error), (error as UpstreamError).upstreamStatus]).toStrictEqual([
      true,
      404,
    ]);
  });

  it('maps an HTML 403 from a firewall to an UpstreamError, not to rejected credentials', () => {
    const error = classifyWooCommerceFailure(reply(403, '<html><title>Attention Required!</title></html>'));
    expect([UpstreamError.isInstance(error), UpstreamUnauthorizedError.isInstance(error)]).toStrictEqual([
      true,
      false,
    ]);
  });

  it('leaves an HTML 500 page to the status-based default', () => {
    expect(
      classifyWooCommerceFailure(reply(500, '<p>There has been a critical error on this website.</p>')),
    ).toBeUndefined();
  });

  it('reads an error body preceded by PHP notices', () => {
    const body = `<br />\n<b>Notice</b>:  Undefined index: foo in <b>/var/www/wp-content/plugins/x.php</b> on line <b>12</b><br />\n${JSON.stringify(wpError(404, 'wc_user_invalid_id'))}`;
    expect(
      NotFoundError.isInstance(classifyWooCommerceFailure(reply(404, body, 'GET', '/customers/9'))),
    ).toBe(true);
  });

  it('leaves an unknown code to the status-based default', () => {
    expect(classifyWooCommerceFailure(reply(400, wpError(400, 'some_plugin_error')))).toBeUndefined();
  });
});

describe('whenWooCommerceCurrencyUnavailable', () => {
  it('remembers null when the key may not read store data or the endpoint does not exist', () => {
    expect(
      whenWooCommerceCurrencyUnavailable(
        new UpstreamUnauthorizedError('refused', { platform: 'woocommerce' }),
      ),
    ).toBe('remember');
    expect(
      whenWooCommerceCurrencyUnavailable(new NotFoundError('no route', { platform: 'woocommerce' })),
    ).toBe('remember');
  });

  it('gives null only this time after a passing failure', () => {
    expect(
      whenWooCommerceCurrencyUnavailable(new UpstreamTimeoutError('slow', { platform: 'woocommerce' })),
    ).toBe('skip');
    expect(
      whenWooCommerceCurrencyUnavailable(
        new UpstreamError('down', { platform: 'woocommerce', retryable: true }),
      ),
    ).toBe('skip');
  });

  it('fails the call on a failure that is not a Unicart error', () => {
    expect(whenWooCommerceCurrencyUnavailable(new TypeError('bug'))).toBe('fail');
  });
});
