// Sign in and registration: errors appear next to the form; success goes to the chat.
import { $, api, problemText, root } from '../app/dom.js';

const form = $('auth-form');
const error = $('auth-error');

form.addEventListener('submit', async event => {
    event.preventDefault();
    error.textContent = '';
    const action = event.submitter ? event.submitter.value : 'login';
    const username = form.elements.username.value.trim();
    const password = form.elements.password.value;
    if (!username || !password) {
        error.textContent = 'Enter a username and a password.';
        return;
    }
    if (action === 'register') {
        const registered = await api('auth/register', {
            method: 'POST', body: { username, password, displayName: form.elements.displayName.value.trim() || undefined }
        });
        if (registered.status !== 201) {
            error.textContent = problemText(registered, 'Could not create the account');
            return;
        }
    }
    const login = await api('auth/login', { method: 'POST', body: { username, password } });
    if (login.status !== 200) {
        error.textContent = login.status === 401 ? 'Wrong username or password.' : problemText(login, 'Could not log in');
        return;
    }
    location.href = root.toString();
});
