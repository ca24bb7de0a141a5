// A stand-in for GitHub's OAuth sign-in and user API, at the paths GitHub Enterprise Server uses: the test app is
// pointed at it with AUTH_GITHUB_ENTERPRISE_URL (playwright.config.ts), so signing in with GitHub never leaves
// the machine. The test says who is at GitHub's keyboard with `signInAs`.
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';

export interface GitHubAccount {
  id: number;
  login: string;
  name: string;
  emails: { email: string; primary: boolean; verified: boolean }[];
}

export const GITHUB_CLIENT = { id: 'lumi-e2e-client', secret: 'lumi-e2e-secret' };

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

/** The client's credentials, from HTTP Basic auth (Auth.js's default) or the form body. */
function clientOf(req: IncomingMessage, form: URLSearchParams) {
  const basic = req.headers.authorization?.match(/^Basic (.+)$/)?.[1];
  if (!basic) return { id: form.get('client_id'), secret: form.get('client_secret') };
  const [id, secret] = Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent);
  return { id, secret };
}

export async function startFakeGitHub(port: number) {
  let account: GitHubAccount | null = null;
  const codes = new Map<string, GitHubAccount>();
  const tokens = new Map<string, GitHubAccount>();
  const server = createServer((req, res) => void answer(req, res));
  async function answer(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname === '/login/oauth/authorize') {
      // The person at the keyboard approves at once; GitHub sends them back with a one-time code and the state.
      if (!account || url.searchParams.get('client_id') !== GITHUB_CLIENT.id)
        return json(res, 400, { error: 'unknown client or nobody signed in' });
      const code = randomUUID();
      codes.set(code, account);
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.searchParams.set('code', code);
      const state = url.searchParams.get('state');
      if (state) back.searchParams.set('state', state);
      return void res.writeHead(302, { location: back.toString() }).end();
    }
    if (url.pathname === '/login/oauth/access_token' && req.method === 'POST') {
      const form = new URLSearchParams(await readBody(req));
      const client = clientOf(req, form);
      const who = codes.get(form.get('code') ?? '');
      codes.delete(form.get('code') ?? '');
      if (!who || client.id !== GITHUB_CLIENT.id || client.secret !== GITHUB_CLIENT.secret) {
        return json(res, 400, { error: 'bad_verification_code' });
      }
      const token = randomUUID();
      tokens.set(token, who);
      return json(res, 200, { access_token: token, token_type: 'bearer', scope: 'read:user,user:email' });
    }
    const who = tokens.get(req.headers.authorization?.replace(/^Bearer /, '') ?? '');
    if (!who) return json(res, 401, { message: 'Bad credentials' });
    // GitHub leaves the profile's email empty unless it was made public; clients then ask for the list.
    if (url.pathname === '/api/v3/user')
      return json(res, 200, { id: who.id, login: who.login, name: who.name, email: null, avatar_url: null });
    if (url.pathname === '/api/v3/user/emails') return json(res, 200, who.emails);
    return json(res, 404, { message: 'Not Found' });
  }
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  return {
    signInAs(next: GitHubAccount) {
      account = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
