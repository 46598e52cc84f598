/**
 * @module A person at the mock IdP's sign-in page: click the field, type the user name, type the
 * password, click "Sign in". The page tells a refused sign-in (an alert on the page again) and a refused
 * request (Entra's AADSTS error page) apart from the IdP posting to the SP.
 */
import type { Page } from 'playwright-core';
import { HarnessError } from '../../errors.js';
import type { Credentials } from './capabilities.js';

/** Signs in and resolves once `posted` does (the SP answered), or fails with what the IdP showed. */
export async function signInOnIdpPage(
  page: Page,
  credentials: Credentials,
  posted: Promise<unknown>,
  timeoutMs: number,
): Promise<void> {
  const username = page.getByLabel('Email, phone, or Skype');
  if ((await username.count()) === 0) {
    // No sign-in page: an IdP set to sign in without a person may already be posting to the SP.
    const onTheWay = await Promise.race([
      posted.then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), 2000)),
    ]);
    if (onTheWay) return;
    const aadsts = await page
      .locator('[data-aadsts]')
      .first()
      .getAttribute('data-aadsts', { timeout: 1000 })
      .catch(() => null);
    throw new HarnessError(
      aadsts ? 'IDP_REFUSED_REQUEST' : 'IDP_FAILED',
      aadsts
        ? `the IdP refused the SP's AuthnRequest: AADSTS${aadsts} (${page.url()})`
        : `the IdP did not show its sign-in page (at ${page.url()})`,
    );
  }
  await username.click();
  await username.fill('');
  await username.pressSequentially(credentials.username);
  const password = page.getByLabel('Password');
  await password.click();
  await password.pressSequentially(credentials.password);
  await page.getByRole('button', { name: 'Sign in' }).click({ noWaitAfter: true });
  // A refused sign-in shows the sign-in page again with an alert, instead of posting to the SP.
  const refused = page
    .locator('#sign-in-error')
    .textContent({ timeout: timeoutMs })
    .then((text) => {
      throw new HarnessError('IDP_FAILED', `the IdP refused the sign-in: ${text ?? ''}`.trim());
    });
  refused.catch(() => undefined);
  await Promise.race([posted, refused]);
}
