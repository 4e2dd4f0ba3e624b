import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors';
import { assertSameOrigin } from './check-origin';

/** A POST as it reaches the route handler: `headers` are what the browser (and any proxy) sent. */
function post(headers: Record<string, string>): Request {
  return new Request('http://hub.example.org/materials/upload', { method: 'POST', headers });
}

/** The AppError assertSameOrigin threw, or undefined when it let the request through. */
function refusal(headers: Record<string, string>): AppError | undefined {
  try {
    assertSameOrigin(post(headers));
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
}

function expectRefused(headers: Record<string, string>) {
  const error = refusal(headers);
  expect(error, `expected ${JSON.stringify(headers)} to be refused`).toBeDefined();
  expect(error!.code).toBe('forbidden_origin');
  expect(error!.status).toBe(403);
  expect(error!.message).toBe('This form must be sent from Discovery Commons itself.');
}

function expectAllowed(headers: Record<string, string>) {
  expect(refusal(headers), `expected ${JSON.stringify(headers)} to be allowed`).toBeUndefined();
}

describe('assertSameOrigin', () => {
  it('allows a POST from the hub itself', () => {
    expectAllowed({ host: 'hub.example.org', origin: 'https://hub.example.org' });
  });

  it('allows the same origin on a port (local development)', () => {
    expectAllowed({ host: 'localhost:3000', origin: 'http://localhost:3000' });
  });

  it('compares host names without regard to case', () => {
    expectAllowed({ host: 'Hub.Example.ORG', origin: 'https://hub.example.org' });
  });

  it('refuses a POST with no Origin header', () => {
    expectRefused({ host: 'hub.example.org' });
  });

  it('refuses an empty Origin', () => {
    expectRefused({ host: 'hub.example.org', origin: '' });
  });

  it('refuses Origin: null (sandboxed frames, data: URLs, some redirects)', () => {
    expectRefused({ host: 'hub.example.org', origin: 'null' });
  });

  it('refuses another site', () => {
    expectRefused({ host: 'hub.example.org', origin: 'https://evil.test' });
  });

  it.each([
    ['a longer name ending elsewhere', 'https://hub.example.org.evil.test'],
    ['a sub-domain of the hub', 'https://evil.hub.example.org'],
    ['a name that ends like the hub', 'https://myhub.example.org'],
    ['the hub with a trailing dot', 'https://hub.example.org.'],
    ['the hub on another port', 'https://hub.example.org:8443'],
    ['user info before a foreign host', 'https://hub.example.org@evil.test'],
  ])('refuses a look-alike: %s', (_case, origin) => {
    expectRefused({ host: 'hub.example.org', origin });
  });

  it.each([
    ['no scheme', 'hub.example.org'],
    ['garbage', '%%%'],
    ['two origins', 'https://hub.example.org https://evil.test'],
  ])('refuses an Origin that is not a URL: %s', (_case, origin) => {
    expectRefused({ host: 'hub.example.org', origin });
  });

  it('refuses when the request names no host at all', () => {
    const request = post({ origin: 'https://hub.example.org' });
    request.headers.delete('host');
    expect(() => assertSameOrigin(request)).toThrow(AppError);
  });

  describe('behind a proxy (X-Forwarded-Host)', () => {
    it('compares Origin with the host the browser saw, not the internal Host', () => {
      expectAllowed({ host: 'app:3000', 'x-forwarded-host': 'hub.example.org', origin: 'https://hub.example.org' });
    });

    it('refuses an Origin naming the internal host when the proxy says the browser saw another', () => {
      expectRefused({ host: 'app:3000', 'x-forwarded-host': 'hub.example.org', origin: 'http://app:3000' });
    });

    it('refuses another site behind the proxy too', () => {
      expectRefused({ host: 'app:3000', 'x-forwarded-host': 'hub.example.org', origin: 'https://evil.test' });
      expectRefused({ host: 'app:3000', 'x-forwarded-host': 'hub.example.org', origin: 'https://hub.example.org.evil.test' });
    });

    it('uses the first host of a list (the one the browser sent to the first proxy)', () => {
      expectAllowed({ host: 'app:3000', 'x-forwarded-host': 'hub.example.org, internal-lb:8080', origin: 'https://hub.example.org' });
      expectRefused({ host: 'app:3000', 'x-forwarded-host': 'hub.example.org, internal-lb:8080', origin: 'http://internal-lb:8080' });
    });

    it('refuses when the forwarded host is empty rather than falling back to Host', () => {
      expectRefused({ host: 'hub.example.org', 'x-forwarded-host': '', origin: 'https://hub.example.org' });
    });
  });
});
