/**
 * @module The mock IdP's throughput over HTTP (issue 11's figure, target >= 0.4x): SP-initiated sign-ins per
 * second with auto sign-in, on one core, as a ratio to node:crypto's raw RSA-2048 SHA-256 signing on that same
 * core. The IdP runs in its own process pinned to core 0 (`taskset`); the load comes from this process on core 1
 * over keep-alive connections: a fresh Redirect-binding AuthnRequest per sign-in (new ID, deflated, base64), the
 * whole answer read and checked for a SAMLResponse. Throughput is counted per CPU second of the IdP process, so a
 * load generator slowed by a busy machine does not count as IdP cost. Raw signing is measured on core 0 just before and just after
 * each round, so drift on a shared machine hits both alike; the ratio is the median over rounds. Merges its
 * figures into bench/results.json under "idpHttp".
 *
 * Run: npm run bench (builds dist/ first). BENCH_HTTP_ROUNDS, BENCH_HTTP_MS and BENCH_HTTP_WARM_UP_MS tune it
 * (default 6000 ms of warm-up, then 5 x 2000 ms).
 */
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import { cpuMsOf, median, mergeResults } from './bench-util.js';

const ROUNDS = Number(process.env.BENCH_HTTP_ROUNDS ?? 5);
const MS = Number(process.env.BENCH_HTTP_MS ?? 2000);
// Steady state: the first seconds still tier up (JIT) and size the heap; measured rounds kept rising after 2 s.
const WARM_UP_MS = Number(process.env.BENCH_HTTP_WARM_UP_MS ?? 6000);
const CONNECTIONS = 8;
const SP_ENTITY_ID = 'https://bench.sp.test/metadata';
const ACS = 'http://127.0.0.1:3999/saml/acs';
const mockIdpEntry = new URL('../dist/mock-idp/index.js', import.meta.url).href;

const canPin = (() => {
  const probe = spawnSync('taskset', ['-c', '0', process.execPath, '-e', ''], { stdio: 'ignore' });
  return !probe.error && probe.status === 0 && cpus().length >= 2;
})();
const onCore0 = (args) =>
  canPin ? ['taskset', ['-c', '0', process.execPath, ...args]] : [process.execPath, args];

/** Raw RSA-2048 SHA-256 signatures of 1 KB per CPU second, in a fresh process on core 0. */
function rawSignRate() {
  const script = `
    const { generateKeyPairSync, sign } = require('node:crypto');
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const data = Buffer.alloc(1024, 7);
    for (let i = 0; i < 50; i++) sign('sha256', data, privateKey);
    const start = performance.now(); const cpu0 = process.cpuUsage(); let n = 0;
    while (performance.now() - start < 1000) { sign('sha256', data, privateKey); n++; }
    const cpu = process.cpuUsage(cpu0);
    console.log(n / ((cpu.user + cpu.system) / 1e6));`;
  const [cmd, args] = onCore0(['-e', script]);
  const run = spawnSync(cmd, args, { encoding: 'utf8', timeout: 30_000 });
  if (run.status !== 0) throw new Error(`raw signing probe failed: ${run.stderr}`);
  return Number(run.stdout.trim());
}

/** The mock IdP with auto sign-in and one app, in its own process on core 0; resolves with its login URL. */
async function startIdp() {
  const script = `
    const { startMockIdp } = await import(${JSON.stringify(mockIdpEntry)});
    const idp = await startMockIdp({ autoSignIn: true });
    idp.admin.addApp({ name: 'bench', identifiers: [${JSON.stringify(SP_ENTITY_ID)}], replyUrls: [{ url: ${JSON.stringify(ACS)} }] });
    console.log(JSON.stringify({ loginUrl: idp.loginUrl }));
    process.on('SIGTERM', () => idp.close().then(() => process.exit(0)));`;
  const profile = process.env.BENCH_HTTP_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_HTTP_CPU_PROF}`]
    : [];
  const [cmd, args] = onCore0([...profile, '--input-type=module', '-e', script]);
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the mock IdP did not start within 20 s')), 20_000);
    child.stdout.once('data', (chunk) => {
      clearTimeout(timer);
      resolve(String(chunk));
    });
    child.once('exit', (code) => reject(new Error(`the mock IdP exited (${code}) before it started`)));
  });
  return { child, loginUrl: JSON.parse(line).loginUrl };
}

function authnRequestQuery() {
  const xml =
    `<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_${randomUUID()}" Version="2.0" ` +
    `IssueInstant="${new Date().toISOString()}" AssertionConsumerServiceURL="${ACS}">` +
    `<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">${SP_ENTITY_ID}</saml:Issuer></samlp:AuthnRequest>`;
  return `SAMLRequest=${encodeURIComponent(deflateRawSync(xml).toString('base64'))}`;
}

function signIn(agent, loginUrl, retried = false) {
  return new Promise((resolve, reject) => {
    const req = request(`${loginUrl}?${authnRequestQuery()}`, { agent, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () =>
        res.statusCode === 200 && body.includes('name="SAMLResponse"')
          ? resolve()
          : reject(new Error(`sign-in answered ${res.statusCode}: ${body.slice(0, 300)}`)),
      );
    });
    req.on('timeout', () => req.destroy(new Error('sign-in timed out')));
    // A keep-alive socket the server closed just as it was reused: retry once on a new one (Node's documented
    // pattern for `reusedSocket`), so an idle-timeout race is not reported as an IdP failure.
    req.on('error', (error) =>
      req.reusedSocket && error.code === 'ECONNRESET' && !retried
        ? signIn(agent, loginUrl, true).then(resolve, reject)
        : reject(error),
    );
    req.end();
  });
}

/** Sign-ins completed in `ms`, and the IdP process's CPU ms meanwhile. */
async function round(idp, agent, ms = MS) {
  const cpuBefore = cpuMsOf(idp.child.pid);
  const deadline = performance.now() + ms;
  let done = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      await signIn(agent, idp.loginUrl);
      done++;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  const seconds = (performance.now() - start) / 1000;
  const cpuAfter = cpuMsOf(idp.child.pid);
  return {
    perSec: done / seconds,
    idpCpuMs: cpuBefore !== undefined && cpuAfter !== undefined ? cpuAfter - cpuBefore : undefined,
    done,
  };
}

if (!existsSync(fileURLToPath(mockIdpEntry))) {
  console.error('dist/ is missing: run npm run build first');
  process.exit(2);
}
if (canPin) spawnSync('taskset', ['-cp', '1', String(process.pid)], { stdio: 'ignore' });

const idp = await startIdp();
const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
try {
  await round(idp, agent, WARM_UP_MS); // warm-up: JIT, heap sizing, key load, connection set-up
  const ratios = [];
  const rates = [];
  const raws = [];
  const cpuRates = [];
  for (let i = 0; i < ROUNDS; i++) {
    const rawBefore = rawSignRate();
    const r = await round(idp, agent);
    const rawAfter = rawSignRate();
    const raw = (rawBefore + rawAfter) / 2;
    // Per CPU second of the IdP process, not per wall second: on a shared machine the load generator may not
    // keep the IdP's core busy, and idle time is not the IdP's cost.
    const perCpuSec = r.idpCpuMs ? (r.done * 1000) / r.idpCpuMs : r.perSec;
    rates.push(r.perSec);
    cpuRates.push(perCpuSec);
    raws.push(raw);
    ratios.push(perCpuSec / raw);
    console.log(
      `round ${i + 1}: ${r.perSec.toFixed(0)} sign-ins/s wall, ${perCpuSec.toFixed(0)} per IdP CPU second, raw ${raw.toFixed(0)}/s, ratio ${(perCpuSec / raw).toFixed(3)}`,
    );
  }
  const figures = {
    signInsPerSec: Math.round(median(rates)),
    signInsPerCpuSec: Math.round(median(cpuRates)),
    rawSignPerSec: Math.round(median(raws)),
    ratio: Number(median(ratios).toFixed(3)),
    idpCpuMsPerSignIn: Number((1000 / median(cpuRates)).toFixed(3)),
    targets: { ratio: 0.4 },
    method: {
      rounds: ROUNDS,
      msPerRound: MS,
      warmUpMs: WARM_UP_MS,
      connections: CONNECTIONS,
      flow: 'SP-initiated, HTTP-Redirect AuthnRequest, auto sign-in, answer = auto-post form with the signed Response',
      pinned: canPin ? 'IdP and raw signing on core 0, load generator on core 1' : false,
      statistic:
        'median over rounds; ratio = sign-ins per CPU second of the IdP process (/proc) / mean(raw signing rate on the same core just before, just after)',
      node: process.version,
      measuredAt: new Date().toISOString(),
    },
  };
  mergeResults('idpHttp', figures);
  console.log(
    `mock IdP over HTTP: ${figures.signInsPerCpuSec} sign-ins per CPU second = ${figures.ratio}x raw signing (target >= 0.4x)`,
  );
} finally {
  agent.destroy();
  idp.child.kill('SIGTERM');
}
