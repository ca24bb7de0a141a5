// Proxies for the OpenAI SDK. Node's global fetch ignores proxy variables, so chat-core hands the SDK undici's
// own fetch plus one of these dispatchers.
import { socksDispatcher } from 'fetch-socks';
import { EnvHttpProxyAgent, ProxyAgent, type Dispatcher } from 'undici';

export type Env = Record<string, string | undefined>;

/** A proxy variable that is set but unusable. The message names the variable and never echoes credentials. */
export class ProxyConfigError extends Error {
  override readonly name = 'ProxyConfigError';
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`${variable} ${detail}`);
  }
}

const supportedSchemes = ['http:', 'https:', 'socks5:', 'socks5h:'];

function redact(value: string): string {
  return value.replace(/\/\/[^/@]*@/, '//***@');
}

function parseProxyUrl(value: string, variable: string, schemes = supportedSchemes): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ProxyConfigError(
      variable,
      `is not a valid proxy URL: "${redact(value)}" (expected e.g. http://host:port or socks5://host:port)`,
    );
  }
  if (!schemes.includes(url.protocol)) {
    throw new ProxyConfigError(
      variable,
      `uses unsupported scheme "${url.protocol}" (supported: ${schemes.map((s) => s.slice(0, -1)).join(', ')})`,
    );
  }
  if (!url.hostname) throw new ProxyConfigError(variable, `has no host: "${redact(value)}"`);
  return url;
}

/**
 * A dispatcher for one explicit proxy URL: http(s):// via CONNECT tunnels, socks5:// and socks5h:// via fetch-socks.
 * Both SOCKS forms let the proxy resolve host names (the socks library sends names, not addresses).
 */
export function createProxyDispatcher(proxyUrl: string, variable = 'OPENAI_PROXY'): Dispatcher {
  const url = parseProxyUrl(proxyUrl, variable);
  if (url.protocol === 'http:' || url.protocol === 'https:') return new ProxyAgent({ uri: url.href });
  return socksDispatcher({
    type: 5,
    host: url.hostname,
    port: url.port ? Number(url.port) : 1080,
    ...(url.username ? { userId: decodeURIComponent(url.username), password: decodeURIComponent(url.password) } : {}),
  });
}

function firstSet(env: Env, ...names: string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return { name, value };
  }
  return undefined;
}

/**
 * The dispatcher the environment asks for: OPENAI_PROXY (any supported scheme) wins; otherwise
 * HTTPS_PROXY / HTTP_PROXY with NO_PROXY (either case) through undici's EnvHttpProxyAgent; otherwise undefined
 * (direct connections). Only `env` is read, never process.env behind its back.
 */
export function createProxyDispatcherFromEnv(env: Env = process.env): Dispatcher | undefined {
  const explicit = firstSet(env, 'OPENAI_PROXY');
  if (explicit) return createProxyDispatcher(explicit.value, explicit.name);

  const https = firstSet(env, 'HTTPS_PROXY', 'https_proxy');
  const http = firstSet(env, 'HTTP_PROXY', 'http_proxy');
  if (!https && !http) return undefined;
  for (const proxy of [https, http]) if (proxy) parseProxyUrl(proxy.value, proxy.name, ['http:', 'https:']);
  // Empty strings (not undefined) keep undici from falling back to process.env.
  return new EnvHttpProxyAgent({
    httpsProxy: https?.value ?? http?.value ?? '',
    httpProxy: http?.value ?? '',
    noProxy: firstSet(env, 'NO_PROXY', 'no_proxy')?.value ?? '',
  });
}
