// The start page: register, log in with the session cookie, and show each endpoint's welcome frame.
const form = document.getElementById('auth-form');
const errorLine = document.getElementById('auth-error');
const base = new URL('.', location.href);

function api(path) {
  return new URL(`api/${path}`, base);
}

function socketUrl(path) {
  const url = new URL(path, base);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return url;
}

async function post(path, body) {
  const response = await fetch(api(path), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: 'same-origin',
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) {
    throw new Error(json.detail || `${response.status} ${response.statusText}`);
  }
  return json;
}

const sockets = [];

function show(signedIn, username) {
  document.getElementById('signed-out').hidden = signedIn;
  document.getElementById('signed-in').hidden = !signedIn;
  document.getElementById('me-name').textContent = username || '';
}

function watch(path, logId) {
  const log = document.getElementById(logId);
  const socket = new WebSocket(socketUrl(path));
  socket.onmessage = (event) => {
    log.textContent += `${JSON.stringify(JSON.parse(event.data))}\n`;
  };
  socket.onclose = (event) => {
    log.textContent += `closed (${event.code}${event.reason ? `: ${event.reason}` : ''})\n`;
  };
  sockets.push(socket);
}

function enter(account) {
  show(true, account.displayName || account.username);
  watch('chat', 'chat-log');
  watch('notifications', 'notifications-log');
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  errorLine.textContent = '';
  const data = new FormData(form);
  const credentials = { username: data.get('username'), password: data.get('password') };
  try {
    if (event.submitter && event.submitter.value === 'register') {
      await post('auth/register', { ...credentials, displayName: data.get('displayName') || undefined });
    }
    enter(await post('auth/login', credentials));
  } catch (failure) {
    errorLine.textContent = failure.message;
  }
});

document.getElementById('logout').addEventListener('click', async () => {
  await post('auth/logout');
  sockets.splice(0).forEach((socket) => socket.close());
  document.getElementById('chat-log').textContent = '';
  document.getElementById('notifications-log').textContent = '';
  show(false);
});

fetch(api('me'), { credentials: 'same-origin' })
  .then((response) => (response.ok ? response.json() : null))
  .then((account) => { if (account) enter(account); })
  .catch(() => show(false));
