/**
 * The Content-Security-Policy of every page, with this request's nonce. Scripts run only when they carry the nonce
 * (Next puts it on its own scripts and inline data, read from this header on the request) or were loaded by one
 * that does ('strict-dynamic'); nothing is loaded from another origin; no other site may frame a page.
 * Style attributes stay allowed (style-src-attr): KaTeX lays maths out with them, and they cannot run code.
 * In development React needs eval for its error overlays; production never does.
 */
export function contentSecurityPolicy(nonce: string, development = process.env.NODE_ENV === 'development'): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** A fresh nonce a request: 128 random bits, base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString('base64');
}
