/**
 * Webhook URLs come from admins, but the requests leave from inside our network: an endpoint
 * resolving to loopback, a private range or a cloud metadata address would let anyone with an
 * admin key probe what only the server can reach. Checked when an endpoint is saved, and again
 * at connect time for every delivery, because what a name resolves to can change.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

const refused = new BlockList();
const IPV4_RANGES: [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT (also Alibaba's metadata address)
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, with the metadata address of most clouds
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and broadcast
];
const IPV6_RANGES: [string, number][] = [
  ['::', 96], // unspecified, loopback, and IPv4-compatible addresses
  ['fc00::', 7], // unique local (AWS's IPv6 metadata address is one)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
];
for (const [network, prefix] of IPV4_RANGES) refused.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of IPV6_RANGES) refused.addSubnet(network, prefix, 'ipv6');

/** `::ffff:a.b.c.d` reaches the IPv4 host a.b.c.d, so it is judged as that address. */
function mappedIpv4(address: string): string | null {
  const hostname = new URL(`http://[${address}]`).hostname; // normalised: [::ffff:7f00:1]
  const match = /^\[::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})\]$/.exec(hostname);
  if (!match) return null;
  const high = Number.parseInt(match[1] ?? '0', 16);
  const low = Number.parseInt(match[2] ?? '0', 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

/** Whether a webhook may not be sent to this IP address. Anything that is not an address is refused. */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return refused.check(address, 'ipv4');
  if (family !== 6) return true;
  const ipv4 = mappedIpv4(address);
  return ipv4 === null ? refused.check(address, 'ipv6') : refused.check(ipv4, 'ipv4');
}

/** The host of a URL as an IP address when it is one (`[::1]` → `::1`), else null. */
export function ipLiteralOf(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) ? host : null;
}

export class PrivateAddressError extends Error {
  constructor(hostname: string, address: string) {
    super(`${hostname} resolves to ${address}, a loopback, private, link-local or metadata address`);
    this.name = 'PrivateAddressError';
  }
}

/**
 * Every address `hostname` resolves to, or the reason it cannot be used: a name that resolves to
 * a refused address is refused whole, even if it also resolves to a public one.
 */
export function resolvePublicAddresses(hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true }, (error, addresses) => {
      if (error) return reject(error);
      const blocked = addresses.find((entry) => isPrivateAddress(entry.address));
      if (blocked) return reject(new PrivateAddressError(hostname, blocked.address));
      resolve(addresses);
    });
  });
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A drop-in `lookup` for node:http that resolves like the default one but fails on a refused
 * address, so the connection is made to exactly the addresses that were checked.
 */
export function publicOnlyLookup(hostname: string, options: { all?: boolean }, callback: LookupCallback): void {
  resolvePublicAddresses(hostname).then(
    (addresses) => {
      const [first] = addresses;
      if (options.all) callback(null, addresses);
      else if (first) callback(null, first.address, first.family);
      else callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
    },
    (error: NodeJS.ErrnoException) => callback(error, []),
  );
}
