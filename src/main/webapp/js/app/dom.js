// Small DOM helpers shared by the pages. User-provided text only ever becomes text nodes.

/** Parley's root URL (its context path), from where this module is served: ROOT/js/app/dom.js. */
export const root = new URL('../../', import.meta.url);

export const $ = id => document.getElementById(id);

/** Builds an element; strings among the children become text nodes, never HTML. */
export function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
        if (key === 'class') {
            node.className = value;
        } else if (key === 'dataset') {
            Object.assign(node.dataset, value);
        } else if (key.startsWith('on') && typeof value === 'function') {
            node.addEventListener(key.slice(2), value);
        } else if (value === true) {
            node.setAttribute(key, '');
        } else if (value !== false && value !== null && value !== undefined) {
            node.setAttribute(key, String(value));
        }
    }
    for (const child of children.flat()) {
        if (child !== null && child !== undefined && child !== false) {
            node.append(child instanceof Node ? child : document.createTextNode(String(child)));
        }
    }
    return node;
}

/** Calls the REST API with the session cookie. @returns {status, data} (data is the parsed JSON, if any) */
export async function api(path, { method = 'GET', body, form } = {}) {
    const options = { method, credentials: 'same-origin', headers: {} };
    if (form) {
        options.body = form;
    } else if (body !== undefined) {
        options.headers['Content-Type'] = 'application/json';
        options.body = JSON.stringify(body);
    }
    const response = await fetch(new URL('api/' + path, root), options);
    const text = await response.text();
    let data = null;
    try {
        data = text ? JSON.parse(text) : null;
    } catch {
        data = null;
    }
    return { status: response.status, data };
}

/** The message of a problem body, for inline errors. */
export function problemText(reply, fallback = 'Something went wrong') {
    return (reply.data && (reply.data.detail || reply.data.title)) || fallback + ' (' + reply.status + ')';
}

/** A link target that is safe to put in href: http(s) URLs and paths only. */
export function safeHref(url) {
    if (typeof url !== 'string') {
        return null;
    }
    if (url.startsWith('/') && !url.startsWith('//')) {
        return new URL(url.slice(1), root).toString();
    }
    try {
        const parsed = new URL(url);
        return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : null;
    } catch {
        return null;
    }
}

export function formatTime(iso) {
    return new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

export function formatDay(iso) {
    const day = new Date(iso);
    const today = new Date();
    const yesterday = new Date(today.getTime() - 86400000);
    if (day.toDateString() === today.toDateString()) {
        return 'Today';
    }
    if (day.toDateString() === yesterday.toDateString()) {
        return 'Yesterday';
    }
    return day.toLocaleDateString([], { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' });
}
