import { UpstreamError } from '@unicart/core';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger';

function capture(secrets: readonly string[] = []) {
  const lines: string[] = [];
  const logger = createLogger({
    level: 'trace',
    secrets,
    destination: { write: (line: string) => lines.push(line) },
  });
  return { logger, output: () => lines.join('') };
}

const storeToken = 'uc_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ';

describe('the logger', () => {
  it('redacts authorization headers and credential fields wherever they are', () => {
    const { logger, output } = capture();
    logger.info(
      {
        req: { headers: { authorization: 'Bearer header-secret' } },
        headers: { authorization: 'Bearer bare-header-secret' },
        credentials: { accessToken: 'credential-secret' },
        store: { credentials: { consumerSecret: 'nested-secret' } },
        clientSecret: 'client-secret',
      },
      'details',
    );
    expect(output()).not.toMatch(/header-secret|credential-secret|nested-secret|client-secret/);
    expect(output()).toContain('[redacted]');
  });

  it('scrubs store tokens and configured secrets from error messages and causes', () => {
    const { logger, output } = capture(['the-admin-token', 'quote"secret']);
    const cause = new Error(`upstream said quote"secret`);
    logger.warn({ err: new Error(`token ${storeToken} and the-admin-token`, { cause }) }, 'failed');
    expect(output()).not.toContain(storeToken);
    expect(output()).not.toContain('the-admin-token');
    expect(output()).not.toContain('quote');
    expect(output()).toContain('uc_[redacted]');
  });

  it('scrubs store tokens from logged request paths', () => {
    const { logger, output } = capture();
    logger.info({ req: { method: 'GET', url: `/api/v2/customers/${storeToken}?x=1` } }, 'incoming request');
    expect(output()).not.toContain(storeToken);
    expect(JSON.parse(output()).req.path).toBe('/api/v2/customers/uc_[redacted]');
  });

  it('leaves unrelated text alone even when it contains the value of a secret', () => {
    const { logger, output } = capture(['admin']);
    logger.info({ req: { method: 'POST', url: '/admin/v1/stores' } }, 'store connected by admin');
    const line = JSON.parse(output());
    expect(line.req.path).toBe('/admin/v1/stores');
    expect(line.msg).toBe('store connected by admin');
  });

  it('logs platform errors without the excerpt of the platform body', () => {
    const { logger, output } = capture();
    const error = new UpstreamError('acme answered HTTP 500', {
      platform: 'acme',
      upstreamStatus: 500,
      bodyExcerpt: 'customer jane@example.com',
    });
    logger.warn({ err: error }, 'platform failure');
    expect(output()).toContain('"upstreamStatus":500');
    expect(output()).not.toContain('jane@example.com');
    expect(output()).not.toContain('"stack"');
  });

  it('logs unexpected errors with their stack and cause', () => {
    const { logger, output } = capture();
    logger.error({ err: new Error('outer', { cause: new TypeError('inner') }) }, 'bug');
    const line = JSON.parse(output());
    expect(line.err).toMatchObject({
      type: 'Error',
      message: 'outer',
      cause: { type: 'TypeError', message: 'inner' },
    });
    expect(line.err.stack).toContain('logger.test.ts');
  });
});
