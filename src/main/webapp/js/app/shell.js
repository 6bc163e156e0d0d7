// The frame every signed-in page shares: who is signed in, log out, the connection banner and the
// notification bell. It owns the one ParleyClient of the page.
import { ParleyClient } from '../parley-client.js';
import { $, api, root } from './dom.js';
import { startBell } from './bell.js';

/** Checks the session (else goes to /login), connects, and returns {me, client}. */
export async function startShell({ channels = ['chat', 'notifications'] } = {}) {
    const me = await api('me');
    if (me.status === 401) {
        location.href = new URL('login', root).toString();
        return new Promise(() => {});
    }
    $('me').textContent = me.data.displayName;
    $('logout').addEventListener('click', async () => {
        await api('auth/logout', { method: 'POST' });
        location.href = new URL('login', root).toString();
    });
    const client = new ParleyClient({ url: root.toString(), channels });
    showConnection(client);
    startBell(client);
    client.connect();
    return { me: me.data, client };
}

/**
 * A banner while the sockets are down or reconnecting; it clears itself once everything resumed. The
 * transport in use (WebSocket, or the HTTP-streaming fallback) is the tooltip of the user's name.
 */
function showConnection(client) {
    const banner = $('connection-banner');
    const show = text => {
        if (banner.hidden) {
            banner.dataset.shown = String(Number(banner.dataset.shown) + 1);
        }
        banner.textContent = text;
        banner.hidden = false;
    };
    client.addEventListener('state', event => {
        switch (event.detail.state) {
            case 'reconnecting':
                show('Connection lost. Reconnecting… messages you send now will go out when it is back.');
                break;
            case 'online': {
                banner.hidden = true;
                // Nothing else differs on the fallback: the transport shows in a tooltip only.
                const streaming = Object.values(event.detail.transports).includes('stream');
                document.body.dataset.transport = streaming ? 'stream' : 'websocket';
                $('me').title = streaming
                    ? 'Connected over HTTP streaming (WebSockets are blocked on this network)'
                    : 'Connected over WebSocket';
                break;
            }
            case 'signed-out':
                location.href = new URL('login', root).toString();
                break;
            default:
                break;
        }
    });
    addEventListener('offline', () => show('You are offline. Reconnecting when the network is back…'));
}
