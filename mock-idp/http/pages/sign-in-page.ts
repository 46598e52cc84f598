/**
 * @module The sign-in page a person uses: pick a directory user (or type a UPN) and a password.
 * Machines use the non-interactive path (login_hint with auto sign-in) instead of scraping this.
 */
import type { DirectoryUser } from '../../model/user.js';
import { html, page } from './html.js';

export interface SignInPageInfo {
  action: string;
  contextId: string;
  appName: string;
  users: readonly DirectoryUser[];
  loginHint?: string | undefined;
  error?: string | undefined;
}

export function signInPage(info: SignInPageInfo): string {
  const options = info.users.map(
    (u) => html`<option value="${u.userPrincipalName}">${u.displayName} (${u.userPrincipalName})</option>`,
  );
  return page(
    'Sign in to your account',
    html`<h1>Sign in</h1>
      <p class="muted">
        to continue to <strong>${info.appName}</strong> &middot; samlspec mock Microsoft Entra ID
      </p>
      ${info.error ? html`<p class="error" role="alert" id="sign-in-error">${info.error}</p>` : ''}
      <form method="POST" action="${info.action}" id="sign-in-form">
        <input type="hidden" name="ctx" value="${info.contextId}" />
        <label for="username">Email, phone, or Skype</label
        ><input
          id="username"
          name="username"
          type="email"
          autocomplete="username"
          list="directory-users"
          value="${info.loginHint ?? ''}"
          required
        />
        <datalist id="directory-users">${options}</datalist>
        <label for="password">Password</label
        ><input id="password" name="password" type="password" autocomplete="current-password" required />
        <p class="muted">
          Test directory: every built-in user's password is <code>Passw0rd!</code> unless the config file sets
          another.
        </p>
        <button type="submit" id="idSIButton9">Sign in</button>
      </form>`,
  );
}
