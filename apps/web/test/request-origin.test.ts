import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { visitorOrigin, withVisitorOrigin } from '../src/server/request-origin';

// What `next start` hands a route handler: its own idea of the address, whatever the browser used.
const asNextSees = (headers: Record<string, string>) =>
  new NextRequest('http://localhost:3000/api/auth/signout?x=1', { headers });

describe('withVisitorOrigin: Auth.js sees the address the visitor used', () => {
  it('takes the Host header, keeping the path and query', () => {
    const request = withVisitorOrigin(asNextSees({ host: '192.0.2.2:47100' }), {});
    expect(request.url).toBe('http://192.0.2.2:47100/api/auth/signout?x=1');
  });

  it("prefers a proxy's forwarded host and scheme", () => {
    const headers = { host: '10.0.0.5:3000', 'x-forwarded-host': 'lumi.school.example', 'x-forwarded-proto': 'https' };
    expect(withVisitorOrigin(asNextSees(headers), {}).url).toBe('https://lumi.school.example/api/auth/signout?x=1');
  });

  it('leaves the request to Auth.js when AUTH_URL names the public address', () => {
    const request = asNextSees({ host: '192.0.2.2:47100' });
    expect(withVisitorOrigin(request, { AUTH_URL: 'https://lumi.school.example' })).toBe(request);
  });

  it('ignores a Host header that is not a plain host and port', () => {
    for (const host of ['evil.example/path', 'user:pw@evil.example', 'a b', 'host:99999', '', 'evil.example#x']) {
      expect(visitorOrigin(new Headers(host ? { host } : {}), 'http:')).toBeNull();
    }
    expect(visitorOrigin(new Headers({ host: '[::1]:3000' }), 'http:')).toBe('http://[::1]:3000');
    expect(visitorOrigin(new Headers({ host: 'a.example', 'x-forwarded-proto': 'gopher' }), 'http:')).toBeNull();
  });
});
