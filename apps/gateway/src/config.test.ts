import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('uses the contract defaults', () => {
    expect(loadConfig({}, '/srv/unicart')).toStrictEqual({
      port: 8080,
      host: '127.0.0.1',
      adminToken: undefined,
      dataDir: '/srv/unicart/data',
      databaseUrl: undefined,
      secretKey: undefined,
      previousSecretKeys: [],
      allowPrivateUpstreams: false,
      upstreamTimeoutMs: 30_000,
      logLevel: 'info',
    });
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        UNICART_PORT: '9000',
        UNICART_HOST: '0.0.0.0',
        UNICART_ADMIN_TOKEN: 'admin',
        UNICART_DATA_DIR: '/var/lib/unicart',
        DATABASE_URL: 'postgres://unicart@db/unicart',
        UNICART_SECRET_KEY: 'current',
        UNICART_PREVIOUS_SECRET_KEYS: 'older, oldest',
        UNICART_ALLOW_PRIVATE_UPSTREAMS: '1',
      },
      '/srv',
    );
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      adminToken: 'admin',
      dataDir: '/var/lib/unicart',
      databaseUrl: 'postgres://unicart@db/unicart',
      secretKey: 'current',
      previousSecretKeys: ['older', 'oldest'],
      allowPrivateUpstreams: true,
    });
  });

  it('treats an empty admin token as unset, which disables the admin API', () => {
    expect(loadConfig({ UNICART_ADMIN_TOKEN: '  ' }).adminToken).toBeUndefined();
  });

  it.each([
    [{ UNICART_PORT: 'http' }, 'UNICART_PORT'],
    [{ UNICART_PORT: '70000' }, 'UNICART_PORT'],
    [{ UNICART_ALLOW_PRIVATE_UPSTREAMS: 'yes please' }, 'UNICART_ALLOW_PRIVATE_UPSTREAMS'],
    [{ DATABASE_URL: 'mysql://db' }, 'DATABASE_URL'],
    [{ UNICART_LOG_LEVEL: 'loud' }, 'UNICART_LOG_LEVEL'],
  ])('refuses %j naming the variable', (environment, name) => {
    expect(() => loadConfig(environment)).toThrow(name);
  });
});
