import 'server-only';
import { isIP } from 'node:net';

/**
 * The network address a request came from, for rate limiting: the X-Forwarded-For entry added by the
 * outermost proxy the hub trusts. Each proxy appends the address it saw, so with `trustedProxyHops`
 * proxies in front of the hub that entry is `trustedProxyHops` from the end; entries before it were
 * written by the client and are ignored. With no proxy (0) Next.js itself puts the connection's
 * address there, unless the client sent the header, which is why a hub on the open internet should
 * sit behind a proxy that appends to it.
 *
 * IPv6 addresses are cut to their /64 network, which one household or office usually gets whole.
 * Returns null when there is no usable address.
 */
export function clientNetworkAddress(headers: Headers, trustedProxyHops: number): string | null {
  const forwarded = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const fromProxy = forwarded[Math.max(0, forwarded.length - Math.max(1, trustedProxyHops))];
  const candidate = fromProxy ?? headers.get('x-real-ip')?.trim();
  return candidate ? networkOf(candidate) : null;
}

/** An IPv4 address as it is; an IPv6 address as its /64 network (`2001:db8:1:2::/64`). */
export function networkOf(address: string): string | null {
  let value = address.replace(/^\[|\](:\d+)?$/g, '').replace(/%.*$/, '');
  // An IPv4 address with a port (proxies sometimes add one).
  if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(value)) value = value.slice(0, value.lastIndexOf(':'));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  if (mapped) value = mapped[1]!;
  const version = isIP(value);
  if (version === 4) return value;
  if (version !== 6) return null;
  const groups = expandIpv6(value);
  return `${groups.slice(0, 4).map((g) => g.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

function expandIpv6(address: string): string[] {
  let text = address.toLowerCase();
  // An embedded IPv4 tail (::1.2.3.4) as two groups.
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right].map((g) => g.padStart(4, '0'));
}
