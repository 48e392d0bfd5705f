/**
 * A real OpenID Connect provider (`oidc-provider`) on loopback for single sign-on tests
 * (decision 0040): one confidential client, accounts the test adds, its development
 * sign-in page (any password), and consent already given. `issueIdToken` makes the next
 * token response carry an ID token the test builds, signed with the provider's own key or
 * another one, for the checks a provider never fails on its own.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { JWTPayload } from "jose";

export interface ProviderAccount {
  email: string;
  emailVerified: boolean;
  name?: string;
  preferredUsername?: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  addAccount(subject: string, account: ProviderAccount): void;
  /** The next token response's ID token: `claims` over the usual ones, signed by the provider's key unless `forged`. */
  issueIdToken(build: { nonce: string; claims?: JWTPayload; forged?: boolean }): void;
  close(): Promise<void>;
}

const KID = "chorus-test-key";

export async function startTestProvider(redirectUri: string): Promise<TestProvider> {
  // Both are ES modules, which Jest loads only through import().
  const { default: Provider } = await import("oidc-provider");
  const { exportJWK, generateKeyPair, SignJWT } = await import("jose");
  const signing = await generateKeyPair("RS256", { extractable: true });
  const forger = await generateKeyPair("RS256");
  const accounts = new Map<string, ProviderAccount>();
  const clientId = "chorus";
  const clientSecret = "chorus-test-secret-chorus-test-secret";
  let handle: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | undefined;
  let nextIdToken: (() => Promise<string>) | undefined;

  const http = createServer((req, res) => {
    const crafted = req.method === "POST" && req.url === "/token" ? nextIdToken : undefined;
    if (!crafted) return void handle!(req, res);
    nextIdToken = undefined;
    req.resume();
    void crafted().then((idToken) => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ access_token: "crafted", token_type: "Bearer", expires_in: 60, id_token: idToken }));
    });
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], response_types: ["code"] }],
    jwks: { keys: [{ ...(await exportJWK(signing.privateKey)), kid: KID, alg: "RS256", use: "sig" }] },
    cookies: { keys: ["chorus-test-cookie-key"] },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name", "preferred_username"] },
    // Email in the ID token itself, as the providers people run (Authentik, Keycloak) put it.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    ttl: { Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
    findAccount: (_ctx, sub) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        claims: () => ({
          sub,
          email: account.email,
          email_verified: account.emailVerified,
          name: account.name,
          preferred_username: account.preferredUsername,
        }),
      };
    },
    // Chorus is the provider's own client here: consent is given, as an administrator would configure it.
    loadExistingGrant: async (ctx) => {
      const accountId = ctx.oidc.session!.accountId!;
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  handle = provider.callback();

  return {
    issuer,
    clientId,
    clientSecret,
    addAccount: (subject, account) => accounts.set(subject, account),
    issueIdToken: ({ nonce, claims = {}, forged = false }) => {
      nextIdToken = () => {
        const now = Math.floor(Date.now() / 1000);
        return new SignJWT({ iss: issuer, aud: clientId, sub: "crafted-subject", iat: now, exp: now + 300, nonce, ...claims })
          .setProtectedHeader({ alg: "RS256", kid: KID })
          .sign(forged ? forger.privateKey : signing.privateKey);
      };
    },
    close: async () => {
      http.closeAllConnections();
      await new Promise((resolve) => http.close(resolve));
    },
  };
}

/**
 * Completes the provider's sign-in page as `subject` the way a browser would (its cookies,
 * its redirects, the form), and returns the answer it sends back to Chorus's callback page.
 */
export async function signInAtProvider(authorizationUrl: string, subject: string, redirectUri: string): Promise<URL> {
  const cookies = new Map<string, string>();
  let url = authorizationUrl;
  let init: RequestInit = {};
  for (let hop = 0; hop < 12; hop += 1) {
    const headers = new Headers(init.headers);
    headers.set("cookie", [...cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const pair = cookie.split(";")[0]!;
      const at = pair.indexOf("=");
      cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = response.headers.get("location");
    if (location) {
      const next = new URL(location, url);
      if (next.href.startsWith(redirectUri)) return next;
      [url, init] = [next.href, {}];
      continue;
    }
    const page = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1];
    if (!action) throw new Error(`The provider answered ${response.status} without a form: ${page.slice(0, 300)}`);
    url = new URL(action, url).href;
    init = {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ prompt: "login", login: subject, password: "any" }).toString(),
    };
  }
  throw new Error("The provider never sent the browser back to Chorus");
}
