// Starts an in-memory PLC directory and the reference PDS (@atproto/pds, development mode) on
// 127.0.0.1 / localhost, creates one account with an app password, and prints one JSON line that
// the Java test reads. Copied next to the cached node_modules by PdsServer (ESM resolves packages
// relative to this file). Exits when its stdin closes, so a dead JVM leaves no server behind.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import plcPkg from '@did-plc/server'
import { PDS, envToCfg, envToSecrets, readEnv } from '@atproto/pds'

const { PlcServer, Database } = plcPkg
const pdsPort = Number(process.argv[2])
const plcPort = Number(process.argv[3])
const dir = mkdtempSync(join(tmpdir(), 'oauth-dropins-pds-'))

const plc = PlcServer.create({ db: Database.mock(), port: plcPort })
await plc.start()

Object.assign(process.env, {
  PDS_PORT: String(pdsPort),
  PDS_HOSTNAME: 'localhost',
  PDS_DEV_MODE: 'true',
  PDS_DATA_DIRECTORY: dir,
  PDS_BLOBSTORE_DISK_LOCATION: join(dir, 'blobs'),
  // The PDS fetches refuse IP-literal hosts ("Invalid hostname"), so the directory is named by
  // localhost.
  PDS_DID_PLC_URL: `http://localhost:${plcPort}`,
  PDS_JWT_SECRET: randomBytes(16).toString('hex'),
  PDS_DPOP_SECRET: randomBytes(32).toString('hex'),
  PDS_ADMIN_PASSWORD: randomBytes(16).toString('hex'),
  PDS_PLC_ROTATION_KEY_K256_PRIVATE_KEY_HEX: randomBytes(32).toString('hex'),
  PDS_INVITE_REQUIRED: 'false',
  PDS_RATE_LIMITS_ENABLED: 'false',
  // No AppView: app.bsky.* cannot be answered, as on any PDS whose AppView is unreachable.
  PDS_BSKY_APP_VIEW_URL: '',
  PDS_BSKY_APP_VIEW_DID: '',
  LOG_ENABLED: 'false',
})
const env = readEnv()
const pds = await PDS.create(envToCfg(env), envToSecrets(env))
await pds.start()

const base = `http://localhost:${pdsPort}`
async function xrpc(method, body, token) {
  const r = await fetch(`${base}/xrpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  })
  const json = await r.json()
  if (!r.ok) throw new Error(`${method}: HTTP ${r.status} ${JSON.stringify(json)}`)
  return json
}
const password = randomBytes(12).toString('hex')
const account = await xrpc('com.atproto.server.createAccount', {
  email: 'alice@example.test',
  handle: 'alice.test',
  password,
})
const app = await xrpc('com.atproto.server.createAppPassword', { name: 'oauth-dropins' }, account.accessJwt)

console.log(JSON.stringify({
  pds: base,
  plc: `http://localhost:${plcPort}`,
  handle: account.handle,
  did: account.did,
  password,
  appPassword: app.password,
}))

async function stop() {
  await pds.destroy().catch(() => {})
  await plc.destroy().catch(() => {})
  rmSync(dir, { recursive: true, force: true })
  process.exit(0)
}
process.stdin.on('end', stop)
process.stdin.on('close', stop)
process.stdin.resume()
process.on('SIGTERM', stop)
