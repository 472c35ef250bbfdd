import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

const adminToken = 'an-admin-token-of-32-characters!';
const secretKey = 'a-secret-key-of-32-characters-42';

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
      upstreamDeadlineMs: 30_000,
      logLevel: 'info',
      changesRetentionDays: 7,
      syncIntervalSeconds: 60,
      syncFullScanSeconds: 86_400,
      publicUrl: undefined,
      amazonHistoryDays: 730,
    });
  });

  it('reads the public URL without its trailing slash, and refuses one that is not http(s) or has a query', () => {
    expect(loadConfig({ UNICART_PUBLIC_URL: 'https://unicart.example.com/' }).publicUrl).toBe(
      'https://unicart.example.com',
    );
    for (const wrong of [
      'ftp://unicart.example.com',
      'unicart.example.com',
      'https://unicart.example.com/?a=1',
    ]) {
      expect(() => loadConfig({ UNICART_PUBLIC_URL: wrong })).toThrow(/UNICART_PUBLIC_URL/);
    }
  });

  it('reads every variable', () => {
    const config = loadConfig(
      {
        UNICART_PORT: '9000',
        UNICART_HOST: '0.0.0.0',
        UNICART_ADMIN_TOKEN: adminToken,
        UNICART_DATA_DIR: '/var/lib/unicart',
        DATABASE_URL: 'postgres://unicart@db/unicart',
        UNICART_SECRET_KEY: secretKey,
        UNICART_PREVIOUS_SECRET_KEYS: 'older, oldest',
        UNICART_ALLOW_PRIVATE_UPSTREAMS: '1',
        UNICART_CHANGES_RETENTION_DAYS: '30',
      },
      '/srv',
    );
    expect(config).toMatchObject({
      changesRetentionDays: 30,
      port: 9000,
      host: '0.0.0.0',
      adminToken,
      dataDir: '/var/lib/unicart',
      databaseUrl: 'postgres://unicart@db/unicart',
      secretKey,
      previousSecretKeys: ['older', 'oldest'],
      allowPrivateUpstreams: true,
    });
  });

  it('treats an empty admin token as unset, which disables the admin API', () => {
    expect(loadConfig({ UNICART_ADMIN_TOKEN: '  ' }).adminToken).toBeUndefined();
  });

  it.each([
    ['UNICART_ADMIN_TOKEN', 'admin'],
    ['UNICART_ADMIN_TOKEN', adminToken.slice(1)],
    ['UNICART_SECRET_KEY', 'current'],
    ['UNICART_SECRET_KEY', secretKey.slice(1)],
  ])('refuses a %s shorter than 32 characters, naming the variable and the minimum', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(`${name} must be at least 32 characters long`);
    expect(() => loadConfig({ [name]: value })).not.toThrow(value);
  });

  it('reads the upstream deadline of a request', () => {
    expect(loadConfig({}).upstreamDeadlineMs).toBe(30_000);
    expect(loadConfig({ UNICART_UPSTREAM_DEADLINE_MS: '5000' }).upstreamDeadlineMs).toBe(5000);
  });

  it('reads the sync intervals', () => {
    const config = loadConfig({ UNICART_SYNC_INTERVAL_SECONDS: '5', UNICART_SYNC_FULL_SCAN_SECONDS: '3600' });
    expect(config).toMatchObject({ syncIntervalSeconds: 5, syncFullScanSeconds: 3600 });
  });

  it('reads the history window of Amazon stores', () => {
    expect(loadConfig({ UNICART_AMAZON_HISTORY_DAYS: '90' }).amazonHistoryDays).toBe(90);
  });

  it.each([
    [{ UNICART_AMAZON_HISTORY_DAYS: '0' }, 'UNICART_AMAZON_HISTORY_DAYS'],
    [{ UNICART_SYNC_INTERVAL_SECONDS: '0' }, 'UNICART_SYNC_INTERVAL_SECONDS'],
    [{ UNICART_SYNC_FULL_SCAN_SECONDS: 'daily' }, 'UNICART_SYNC_FULL_SCAN_SECONDS'],
    [{ UNICART_PORT: 'http' }, 'UNICART_PORT'],
    [{ UNICART_PORT: '70000' }, 'UNICART_PORT'],
    [{ UNICART_ALLOW_PRIVATE_UPSTREAMS: 'yes please' }, 'UNICART_ALLOW_PRIVATE_UPSTREAMS'],
    [{ DATABASE_URL: 'mysql://db' }, 'DATABASE_URL'],
    [{ UNICART_LOG_LEVEL: 'loud' }, 'UNICART_LOG_LEVEL'],
    [{ UNICART_UPSTREAM_DEADLINE_MS: '10' }, 'UNICART_UPSTREAM_DEADLINE_MS'],
  ])('refuses %j naming the variable', (environment, name) => {
    expect(() => loadConfig(environment)).toThrow(name);
  });
});
