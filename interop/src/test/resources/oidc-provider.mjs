// An OpenID Provider for the interop tests: panva's oidc-provider (version in scripts/oidc-install.sh)
// on 127.0.0.1:PORT with one confidential client per SITE=ALG argument, whose only redirect URI is
// the test app's callback for that site and whose ID tokens are signed with ALG; PKCE required, the scopes openid profile email offline_access, and one static account. A client
// argument SITE=ALG+par+dpop registers the client with require_pushed_authorization_requests (RFC 9126
// §6) and dpop_bound_access_tokens (RFC 9449 §5.2); the flag --require-par makes PAR required of every
// client, which the discovery document then declares. DPoP proofs must carry the provider's nonce
// (RFC 9449 §8, §9): a proof without one is answered use_dpop_nonce. Instead of
// the provider's development interactions it serves its own: a plain HTML page with an Approve and
// a Deny button whose POST finishes the interaction through the provider's documented API
// (interactionDetails, Grant, interactionFinished). Prints one JSON line that the Java test reads;
// exits when its stdin closes, so a dead JVM leaves no server behind.
// Copied next to the cached node_modules by OidcServer (ESM resolves packages relative to this file).
import { createServer } from 'node:http'
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import Provider from 'oidc-provider'

const [port, appUrl, ...rest] = process.argv.slice(2)
const requirePar = rest.includes('--require-par')
const sites = rest.filter((arg) => !arg.startsWith('--'))
const issuer = `http://127.0.0.1:${port}`
const clients = sites.map((arg) => {
  const [site, spec] = arg.split('=')
  const [alg, ...steps] = spec.split('+')
  return {
    client_id: `oauth-dropins-${site}`,
    client_secret: randomBytes(24).toString('base64url'),
    redirect_uris: [`${appUrl}/${site}/oauth_callback`],
    // The app's logout routes (RP-Initiated Logout 1.0 §3, Back-Channel Logout 1.0 §2.2).
    post_logout_redirect_uris: [`${appUrl}/${site}/logout/return`],
    backchannel_logout_uri: `${appUrl}/${site}/backchannel-logout`,
    backchannel_logout_session_required: true,
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_basic',
    id_token_signed_response_alg: alg,
    require_pushed_authorization_requests: steps.includes('par'),
    dpop_bound_access_tokens: steps.includes('dpop'),
    site,
  }
})
const account = {
  sub: 'user-' + randomBytes(6).toString('hex'),
  name: 'Ada Lovelace',
  email: 'ada@example.org',
  email_verified: true,
}

function signingKey(type, options, alg) {
  const jwk = generateKeyPairSync(type, options).privateKey.export({ format: 'jwk' })
  return { ...jwk, kid: `${alg}-${randomBytes(4).toString('hex')}`, alg, use: 'sig' }
}

const provider = new Provider(issuer, {
  clients: clients.map(({ site, ...metadata }) => metadata),
  // One key per algorithm: the library must pick the one that signed by kid and alg.
  jwks: {
    keys: [
      signingKey('rsa', { modulusLength: 2048 }, 'RS256'),
      signingKey('ec', { namedCurve: 'P-256' }, 'ES256'),
    ],
  },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  scopes: ['openid', 'profile', 'email', 'offline_access'],
  claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'] },
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: false },
    pushedAuthorizationRequests: { enabled: true, requirePushedAuthorizationRequests: requirePar },
    dPoP: { enabled: true, nonceSecret: randomBytes(32), requireNonce: () => true },
    // The logout confirmation is a plain form with a Log out button, as the interaction page is.
    rpInitiatedLogout: {
      enabled: true,
      async logoutSource(ctx, form) {
        ctx.body = `<!doctype html><title>Log out</title>${form.replace(
          '</form>',
          '<button type="submit" name="logout" value="yes">Log out</button></form>')}`
      },
    },
    backchannelLogout: { enabled: true },
  },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  // The test app listens on loopback, which the provider's outgoing-request guard refuses to call
  // (a special-use address): its documented fetch hook sends the back-channel logout tokens without
  // the guard's dispatcher. Here only: a real deployment keeps the guard.
  fetch: (url, options) => {
    const { dispatcher, ...rest } = options
    return globalThis.fetch(url, rest)
  },
  async findAccount(ctx, sub) {
    if (sub !== account.sub) return undefined
    return { accountId: sub, claims: async () => ({ ...account }) }
  },
})

// Back-channel deliveries are logged (oidc-provider.log), so a failing one says why.
provider.on('backchannel.success', (ctx, client, accountId, sid) =>
  console.error(`backchannel logout sent to ${client.clientId} for ${accountId}`))
provider.on('backchannel.error', (ctx, err, client, accountId, sid) =>
  console.error(`backchannel logout to ${client.clientId} failed: ${err.message} ${err.cause ? err.cause.code + " " + err.cause.message : ""}`))

const page = (uid) => `<!doctype html><title>Sign in</title>
<form method="post" action="/interaction/${uid}">
<input type="hidden" name="decision" value="approve"><button type="submit">Approve</button></form>
<form method="post" action="/interaction/${uid}">
<input type="hidden" name="decision" value="deny"><button type="submit">Deny</button></form>`

async function interaction(req, res, uid) {
  const details = await provider.interactionDetails(req, res)
  if (details.uid !== uid) throw new Error('interaction mismatch')
  if (req.method === 'GET') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(page(uid))
    return
  }
  let body = ''
  for await (const chunk of req) body += chunk
  const decision = new URLSearchParams(body).get('decision')
  if (decision !== 'approve') {
    await provider.interactionFinished(
      req, res,
      { error: 'access_denied', error_description: 'the user denied the request' },
      { mergeWithLastSubmission: false })
    return
  }
  // Logs the static account in and grants what the client asked for, in one step.
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ accountId: account.sub, clientId: details.params.client_id })
  // The prompt at hand is login, whose details do not list what consent lacks: grant every
  // requested scope, which the provider has already cut to the ones this client may ask for.
  grant.addOIDCScope(details.params.scope)
  const grantId = await grant.save()
  await provider.interactionFinished(
    req, res,
    { login: { accountId: account.sub }, consent: { grantId } },
    { mergeWithLastSubmission: false })
}

const handle = provider.callback()
const server = createServer((req, res) => {
  const m = /^\/interaction\/([A-Za-z0-9_-]+)$/.exec(new URL(req.url, issuer).pathname)
  if (!m) return handle(req, res)
  interaction(req, res, m[1]).catch((e) => {
    console.error(e)
    res.writeHead(500, { 'content-type': 'text/plain' })
    res.end(String(e.message))
  })
})
server.listen(Number(port), '127.0.0.1', () => {
  console.log(JSON.stringify({
    issuer,
    clients: Object.fromEntries(clients.map((c) => [c.site, { id: c.client_id, secret: c.client_secret }])),
    sub: account.sub, name: account.name, email: account.email,
  }))
})
process.stdin.resume()
process.stdin.on('end', () => process.exit(0))
process.stdin.on('close', () => process.exit(0))
