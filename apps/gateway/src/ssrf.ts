import { lookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';
import { InvalidRequestError } from '@unicart/core';
import { Agent } from 'undici';

/** Resolves a host name to every address it has (injectable: tests never touch DNS). */
export type HostResolver = (hostname: string) => Promise<readonly { readonly address: string }[]>;

export const systemResolver: HostResolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

/** IPv4 ranges a gateway must not be pointed at (RFC 6890 special-purpose and non-unicast blocks). */
const blockedIpv4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8], // "this network", including the unspecified address
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT (and Alibaba's metadata service at 100.100.100.200)
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, including the cloud metadata service at 169.254.169.254
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved and broadcast
];

const blockedIpv6: readonly (readonly [string, number])[] = [
  ['::', 96], // unspecified, loopback and IPv4-compatible
  ['fc00::', 7], // unique local, including AWS's metadata service at fd00:ec2::254
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
];

function ipv4Hex(address: string): [string, string] {
  const [a, b, c, d] = address.split('.').map(Number) as [number, number, number, number];
  const hex = (high: number, low: number) => ((high << 8) | low).toString(16);
  return [hex(a, b), hex(c, d)];
}

function createBlockList(): BlockList {
  const list = new BlockList();
  for (const [address, prefix] of blockedIpv4) {
    // BlockList matches IPv4-mapped IPv6 (::ffff:a.b.c.d) against IPv4 rules by itself.
    list.addSubnet(address, prefix, 'ipv4');
    // The same ranges embedded in NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses.
    const [high, low] = ipv4Hex(address);
    list.addSubnet(`64:ff9b::${high}:${low}`, 96 + prefix, 'ipv6');
    list.addSubnet(`2002:${high}:${low}::`, 16 + prefix, 'ipv6');
  }
  for (const [address, prefix] of blockedIpv6) list.addSubnet(address, prefix, 'ipv6');
  return list;
}

const blockList = createBlockList();

/** True for loopback, private, link-local, CGNAT, metadata, unspecified and other non-public addresses. */
export function isNonPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) throw new Error(`Not an IP address: ${address}`);
  return blockList.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export interface UpstreamGuardOptions {
  /** `UNICART_ALLOW_PRIVATE_UPSTREAMS=1`: simulators and test doubles on loopback or a private network. */
  readonly allowPrivate: boolean;
  readonly resolver?: HostResolver;
}

/** Decides which upstream URLs the gateway may call. */
export interface UpstreamGuard {
  /**
   * Throws `InvalidRequestError` naming `field` when `url` may not be called. A host that does not
   * resolve yet is accepted (over HTTPS, or anything with private upstreams allowed): `fetch` checks again.
   */
  assertAllowed(url: string, field: string): Promise<void>;
  /**
   * A fetch that checks every URL when it is called, so a host re-pointed later is refused too, and
   * checks again the addresses it actually connects to (DNS rebinding).
   */
  readonly fetch: typeof fetch;
  /**
   * Closes the guarded fetch's connections, cutting calls still in flight: when the gateway closes,
   * no client waits for them any more (a token request shared by requests that were all abandoned).
   */
  close(): Promise<void>;
}

function refusal(field: string, reason: string): InvalidRequestError {
  return new InvalidRequestError(`Invalid ${field}: ${reason}`, {
    issues: [{ path: field, message: reason }],
  });
}

/**
 * The SSRF guard: resolves the host, refuses loopback, private, link-local, CGNAT, metadata and
 * unspecified addresses unless private upstreams are allowed, and requires HTTPS for public hosts.
 */
export function createUpstreamGuard(options: UpstreamGuardOptions): UpstreamGuard {
  const resolver = options.resolver ?? systemResolver;

  async function addressesOf(hostname: string): Promise<readonly string[]> {
    const host = hostname.replace(/^\[(.*)\]$/, '$1');
    if (isIP(host) !== 0) return [host];
    try {
      return (await resolver(host)).map((entry) => entry.address);
    } catch {
      return [];
    }
  }

  async function check(url: string, field: string, whenUnresolved: 'accept' | 'refuse'): Promise<void> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw refusal(field, 'must be an http or https URL');
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw refusal(field, 'must be an http or https URL');
    }
    const addresses = await addressesOf(parsed.hostname);
    if (addresses.length === 0 && whenUnresolved === 'refuse') {
      throw refusal(field, `the host ${parsed.hostname} could not be resolved`);
    }
    const nonPublic = addresses.some(isNonPublicAddress);
    if (nonPublic && !options.allowPrivate) {
      throw refusal(
        field,
        'resolves to a loopback, private, link-local or metadata address (allowed only with UNICART_ALLOW_PRIVATE_UPSTREAMS=1)',
      );
    }
    const mayBePrivate = nonPublic || (addresses.length === 0 && options.allowPrivate);
    if (!mayBePrivate && parsed.protocol !== 'https:') {
      throw refusal(field, 'must use https for a public host');
    }
  }

  // The check above resolves the name, and the connection would resolve it again: a record with a
  // zero TTL can answer a public address to the first and 127.0.0.1 to the second. So connections
  // resolve through this look-up, which refuses non-public answers, and connect to what it checked.
  const connectionLookup: LookupFunction = (hostname, lookupOptions, callback) => {
    resolver(hostname).then(
      (entries) => {
        const addresses = entries.map(({ address }) => ({ address, family: isIP(address) }));
        const refused = options.allowPrivate
          ? undefined
          : addresses.find(({ address }) => isNonPublicAddress(address));
        if (refused !== undefined || addresses.length === 0) {
          const reason = refused ? 'resolved to a non-public address when connecting' : 'did not resolve';
          callback(upstreamRefused(`The upstream host ${hostname} ${reason}`), '', 0);
        } else if (lookupOptions.all) callback(null, addresses);
        else callback(null, addresses[0]!.address, addresses[0]!.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, '', 0),
    );
  };
  // Node's fetch takes a dispatcher of the undici major it bundles (7 on Node 24): undici 8's Agent
  // refuses the handlers it passes. The global fetch is kept so that nock still sees every request.
  const agent = new Agent({ connect: { lookup: connectionLookup } });

  const guardedFetch: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    try {
      await check(url, 'upstream URL', 'refuse');
    } catch (error) {
      throw upstreamRefused((error as Error).message);
    }
    return fetch(input, { ...init, dispatcher: agent } as RequestInit);
  };

  return {
    assertAllowed: (url, field) => check(url, field, 'accept'),
    fetch: guardedFetch,
    close: () => agent.destroy(),
  };
}

/** A refused upstream call; core's HTTP client reports it as a network failure with this code. */
function upstreamRefused(message: string): Error {
  return Object.assign(new Error(message), { code: 'UNICART_UPSTREAM_REFUSED' });
}
