// What an edit costs on fan-out, beside a message (issue 18): N members of one room on /chat; one of
// them sends COUNT messages at RATE/s, then edits each of them at the same rate. Each phase prints
// one JSON line: frames delivered, latency from the send (or edit) to arrival at every member
// (p50/p99/max), and server CPU seconds per 1000 delivered frames.
//
// It uses the `ws` package of the shared harness; run it from a copy of ../shared/bench:
//   cp -r ../shared/bench /tmp/bench && (cd /tmp/bench && npm install) && cp scripts/edit-bench.js /tmp/bench/
//   node /tmp/bench/edit-bench.js http://127.0.0.1:8090 1000 200 20 [SERVER_PID]
// Members are registered once as editor0..editorN-1 and their tokens cached in runs/.
const WebSocket = require('ws');
const fs = require('fs');
const [url, n, count, rate, pid] = process.argv.slice(2);
const N = +n, COUNT = +count, RATE = +rate;
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
  return (+f[11] + +f[12]) / 100;
}
const pct = (a, p) => a.length ? a[Math.min(a.length - 1, Math.ceil(p / 100 * a.length) - 1)] : 0;
const sleep = ms => new Promise(r => setTimeout(r, ms));

(async () => {
  const cache = require('path').join(__dirname, 'runs', 'editor-tokens-') + new URL(url).port + '.json';
  let tokens = [];
  try { tokens = JSON.parse(fs.readFileSync(cache)); } catch (e) { }
  if (tokens.length < N) {
    tokens = [];
    for (let i = 0; i < N; i += 20) {
      const batch = [];
      for (let j = i; j < Math.min(N, i + 20); j++) {
        const u = 'editor' + j;
        batch.push(post('/api/auth/register', { username: u, password: 'bench-password-1', displayName: u })
          .then(() => token(u, 'bench-password-1')));
      }
      tokens.push(...await Promise.all(batch));
    }
    fs.mkdirSync(require('path').dirname(cache), { recursive: true });
    fs.writeFileSync(cache, JSON.stringify(tokens));
  }
  const room = 'edits-' + Date.now();
  const sockets = [];
  const arrivals = { message: [], change: [] };
  let pending = null;
  await Promise.all(tokens.slice(0, N).map((tok, i) => new Promise((resolve, reject) => {
    const s = new WebSocket(ws + '/chat', { headers: { Authorization: 'Bearer ' + tok } });
    s.on('message', data => {
      const f = JSON.parse(data);
      if (f.type === 'welcome') {
        s.send(JSON.stringify({ type: 'join', ref: 'j', room }));
      } else if (f.type === 'joined') {
        resolve();
      } else if (f.type === 'message' || f.type === 'change') {
        const text = f.type === 'message' ? f.message.text : f.change.text;
        const sent = +(text || '').split(':')[1];
        if (sent) arrivals[f.type].push(Date.now() - sent);
      } else if (f.type === 'ack' || f.type === 'changed') {
        if (i === 0 && pending) pending(f);
      }
    });
    s.on('error', reject);
    sockets.push(s);
  })));
  const conversation = 'room:' + room;
  const sender = sockets[tokens.indexOf(tokens[0])] && sockets[0];
  const seqs = [];
  async function phase(kind) {
    const c0 = cpu(pid), t0 = Date.now();
    for (let k = 0; k < COUNT; k++) {
      const at = t0 + k * 1000 / RATE;
      if (at > Date.now()) await sleep(at - Date.now());
      const done = new Promise(r => { pending = r; });
      const text = 't:' + Date.now() + ':' + k;
      sender.send(JSON.stringify(kind === 'message'
        ? { type: 'send', ref: 'm' + k, conversation, text, clientMsgId: room + '-' + k }
        : { type: 'edit', ref: 'e' + k, conversation, seq: seqs[k], text }));
      const reply = await done;
      if (kind === 'message') seqs.push(reply.message.seq);
    }
    const deadline = Date.now() + 30000;
    while (arrivals[kind].length < COUNT * N && Date.now() < deadline) await sleep(50);
    const lat = arrivals[kind].sort((a, b) => a - b);
    const cpuSeconds = cpu(pid) - c0;
    console.log(JSON.stringify({ kind, members: N, count: COUNT, rate: RATE, delivered: lat.length, expected: COUNT * N,
      p50: pct(lat, 50), p99: pct(lat, 99), max: lat[lat.length - 1], cpuSecondsPer1000Frames: +(cpuSeconds * 1000 / Math.max(1, lat.length)).toFixed(3) }));
  }
  await phase('message');
  await phase('change');
  sockets.forEach(s => s.close());
  process.exit(0);
})().catch(e => { console.error(e); process.exit(1); });
