import { type AddressInfo, createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createUpstreamGuard, type HostResolver, isNonPublicAddress } from './ssrf';

describe('isNonPublicAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.0.9',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '100.100.100.200',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fc00::1',
    'fd00:ec2::254',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:169.254.169.254',
    '64:ff9b::a00:1',
    '2002:c0a8:101::1',
  ])('refuses %s', (address) => {
    expect(isNonPublicAddress(address)).toBe(true);
  });

  it.each([
    '203.0.113.10',
    '8.8.8.8',
    '172.32.0.1',
    '100.128.0.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
  ])('accepts %s', (address) => {
    expect(isNonPublicAddress(address)).toBe(false);
  });
});

describe('the upstream guard', () => {
  const resolver: HostResolver = async (hostname) => {
    const addresses: Record<string, string[]> = {
      'public.example': ['203.0.113.10', '2001:db8::1'],
      'internal.example': ['10.0.0.7'],
    };
    const found = addresses[hostname];
    if (found === undefined) throw new Error('ENOTFOUND');
    return found.map((address) => ({ address }));
  };
  const guard = createUpstreamGuard({ allowPrivate: false, resolver });
  const permissive = createUpstreamGuard({ allowPrivate: true, resolver });

  it('accepts a public https host and names the field when refusing', async () => {
    await expect(guard.assertAllowed('https://public.example', 'baseUrl')).resolves.toBeUndefined();
    await expect(guard.assertAllowed('https://internal.example', 'credentials.url')).rejects.toThrow(
      'Invalid credentials.url: resolves to a loopback, private, link-local or metadata address',
    );
  });

  it('recognises IP literals in every notation the URL parser accepts', async () => {
    for (const url of ['http://0x7f.1', 'http://2130706433', 'http://[::ffff:7f00:1]', 'http://[::1]:80']) {
      await expect(guard.assertAllowed(url, 'baseUrl'), url).rejects.toThrow('loopback');
    }
  });

  it('accepts an unresolvable host over https at connection time, and refuses to call it', async () => {
    await expect(guard.assertAllowed('https://not-yet.example', 'baseUrl')).resolves.toBeUndefined();
    await expect(guard.assertAllowed('http://not-yet.example', 'baseUrl')).rejects.toThrow('must use https');
    await expect(guard.fetch('https://not-yet.example/v1')).rejects.toThrow('could not be resolved');
  });

  it('refuses other schemes', async () => {
    await expect(permissive.assertAllowed('file:///etc/passwd', 'baseUrl')).rejects.toThrow('http or https');
  });

  it('with private upstreams allowed, accepts private hosts over http but still wants https for public ones', async () => {
    await expect(permissive.assertAllowed('http://internal.example', 'baseUrl')).resolves.toBeUndefined();
    await expect(permissive.assertAllowed('http://127.0.0.1:9101', 'baseUrl')).resolves.toBeUndefined();
    await expect(permissive.assertAllowed('http://public.example', 'baseUrl')).rejects.toThrow(
      'must use https',
    );
  });

  it('checks every URL it fetches', async () => {
    await expect(guard.fetch('https://internal.example/customers')).rejects.toMatchObject({
      code: 'UNICART_UPSTREAM_REFUSED',
    });
  });
});

describe('the upstream guard against DNS rebinding', () => {
  it('refuses to connect when the name resolves to a public address for the check and to loopback for the connection', async () => {
    let connections = 0;
    const server = createServer((socket) => {
      connections += 1;
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    // A name whose answers change between look-ups, as a TTL-0 record under an attacker's control.
    const answers = ['203.0.113.10', '127.0.0.1'];
    let lookups = 0;
    const rebinding: HostResolver = async () => [{ address: answers[lookups++ % answers.length] as string }];
    const guard = createUpstreamGuard({ allowPrivate: false, resolver: rebinding });
    try {
      const call = guard.fetch(`https://localhost:${port}/wp-json/wc/v3/customers`, {
        headers: { authorization: 'Basic Y2tfc2VjcmV0OmNzX3NlY3JldA==' },
      });
      await expect(call).rejects.toMatchObject({ cause: { code: 'UNICART_UPSTREAM_REFUSED' } });
      expect(connections).toBe(0);
      expect(lookups).toBe(2);
    } finally {
      await guard.close();
      server.close();
    }
  });
});
