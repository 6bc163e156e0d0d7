// Live topic benchmark against a running Parley (issue 15): N /notifications subscribers of one
// topic, and a feed POSTing RATE updates/s for SECONDS to /api/topics/{topic} as a publisher.
// It prints one JSON line: delivered frames, latency from the feed's send to arrival (p50/p90/p99/max),
// the time since the server stamped the update (publishedAt), and server and client CPU.
//
// It uses the `ws` package of the shared harness; run it from a copy of ../shared/bench:
//   cp -r ../shared/bench /tmp/bench && (cd /tmp/bench && npm install) && cp scripts/topic-bench.js /tmp/bench/
//   node /tmp/bench/topic-bench.js http://127.0.0.1:8090 1000 100 10 ADMIN PASSWORD [SERVER_PID]
// Subscribers are registered once as topic0..topicN-1 and their tokens cached in runs/.
const WebSocket = require('ws');
const fs = require('fs');
const [url, n, rate, seconds, admin, adminPassword, pid] = process.argv.slice(2);
const N = +n, RATE = +rate, SECONDS = +seconds;
const ws = url.replace(/^http/, 'ws');

async function post(path, body, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = 'Bearer ' + token;
  return fetch(url + path, { method: 'POST', headers, body: JSON.stringify(body) });
}
async function token(u, p) {
  const r = await post('/api/auth/token', { username: u, password: p });
  if (r.status !== 200) throw new Error('token ' + u + ' ' + r.status + ' ' + await r.text());
  return (await r.json()).token;
}
function cpu(p) {
  if (!p) return 0;
  const f = fs.readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
  return (+f[11] + +f[12]) / 100; // seconds (USER_HZ 100)
}
const pct = (a, p) => a.length ? a[Math.min(a.length - 1, Math.ceil(p / 100 * a.length) - 1)] : 0;

(async () => {
  const cache = require('path').join(__dirname, 'runs', 'topic-tokens-') + new URL(url).port + '.json';
  let tokens = [];
  try { tokens = JSON.parse(fs.readFileSync(cache)); } catch (e) { }
  if (tokens.length < N) {
    tokens = [];
    const t0 = Date.now();
    for (let i = 0; i < N; i += 20) {
      const batch = [];
      for (let j = i; j < Math.min(N, i + 20); j++) {
        const u = 'topic' + j;
        batch.push(post('/api/auth/register', { username: u, password: 'bench-password-1', displayName: u })
          .then(() => token(u, 'bench-password-1')));
      }
      tokens.push(...await Promise.all(batch));
    }
    fs.mkdirSync(require('path').dirname(cache), { recursive: true });
    fs.writeFileSync(cache, JSON.stringify(tokens));
    console.error(`registered ${N} in ${(Date.now() - t0) / 1000}s`);
  }
  const publisher = await token(admin, adminPassword);
  const topic = 'prices:BENCH' + Date.now();
  const lat = [], serverLat = [];
  let updates = 0;
  const last = new Array(N).fill(-1);
  const t0 = Date.now();
  await Promise.all(tokens.slice(0, N).map((tok, i) => new Promise((resolve, reject) => {
    const s = new WebSocket(ws + '/notifications', { headers: { Authorization: 'Bearer ' + tok } });
    s.on('error', reject);
    s.on('message', (raw) => {
      const m = JSON.parse(raw);
      if (m.type === 'welcome') s.send(JSON.stringify({ type: 'subscribe', ref: 's', topic }));
      else if (m.type === 'subscribed') resolve(s);
      else if (m.type === 'update') {
        const now = Date.now();
        updates++;
        last[i] = m.data.i;
        lat.push(now - m.data.t);
        serverLat.push(now - Date.parse(m.publishedAt));
      }
    });
  })));
  console.error(`${N} subscribed in ${(Date.now() - t0) / 1000}s`);
  const cpu0 = cpu(pid), ccpu0 = process.cpuUsage();
  const total = RATE * SECONDS;
  const begin = Date.now();
  let accepted = 0;
  const posts = [];
  for (let i = 0; i < total; i++) {
    const due = begin + i * 1000 / RATE;
    const wait = due - Date.now();
    if (wait > 0) await new Promise(r => setTimeout(r, wait));
    posts.push(post('/api/topics/' + topic, { data: { i, t: Date.now() } }, publisher).then(r => { if (r.status === 202) accepted++; return r.arrayBuffer(); }));
  }
  await Promise.all(posts);
  const fed = Date.now();
  let seen = -1, quiet = Date.now();
  while (Date.now() - quiet < 1000) {
    if (updates !== seen) { seen = updates; quiet = Date.now(); }
    await new Promise(r => setTimeout(r, 50));
  }
  const secs = (quiet - begin) / 1000;
  const serverCpu = (cpu(pid) - cpu0) / secs * 100;
  const cu = process.cpuUsage(ccpu0);
  lat.sort((a, b) => a - b); serverLat.sort((a, b) => a - b);
  const finals = {};
  last.forEach(v => finals[v] = (finals[v] || 0) + 1);
  console.log(JSON.stringify({
    subscribers: N, rate: RATE, seconds: SECONDS, accepted, feedSeconds: (fed - begin) / 1000, doneSeconds: secs,
    delivered: updates, deliveredPct: +(100 * updates / (total * N)).toFixed(1), deliveredPerSec: Math.round(updates / secs),
    endedOnSameValue: Math.max(...Object.values(finals)),
    latencyMs: { p50: pct(lat, 50), p90: pct(lat, 90), p99: pct(lat, 99), max: lat[lat.length - 1] },
    sincePublishMs: { p50: pct(serverLat, 50), p99: pct(serverLat, 99) },
    serverCpuPct: Math.round(serverCpu), clientCpuPct: Math.round((cu.user + cu.system) / 1e4 / secs),
  }));
  process.exit(0);
})().catch(e => { console.error(e); process.exit(1); });
