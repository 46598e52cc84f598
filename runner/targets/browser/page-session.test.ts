/**
 * PageSession's own time limit: Playwright's newContext/newPage and DevTools calls have none, so a
 * Chromium that started but never makes a page must end in an error, not a wait without end. The
 * browser here is a stand-in that never answers (a real one is driven by browser-mode.e2e.test.ts,
 * which also runs a Chromium that cannot open pages end to end).
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { describe, expect, it, vi } from 'vitest';
import { PageSession } from './page-session.js';

const OPTIONS = { viewport: { width: 800, height: 600 }, tracing: false, timeoutMs: 50 };

/** A stand-in browser whose contexts open as `newContext` says (or never). */
function browserOpening(newContext: () => Promise<BrowserContext>): Browser {
  return { newContext } as unknown as Browser;
}

/** A stand-in context that never makes a page; `close` records that PageSession closed it. */
function contextWithoutPages(): { context: BrowserContext; close: ReturnType<typeof vi.fn> } {
  const close = vi.fn(() => Promise.resolve());
  const context = { newPage: () => new Promise<never>(() => undefined), close } as unknown as BrowserContext;
  return { context, close };
}

describe('PageSession.open', () => {
  it('rejects when the browser never opens a context', async () => {
    const browser = browserOpening(() => new Promise<never>(() => undefined));
    await expect(PageSession.open(browser, OPTIONS)).rejects.toThrow();
  });

  it('rejects when the context never makes a page, and closes that context', async () => {
    const { context, close } = contextWithoutPages();
    const browser = browserOpening(() => Promise.resolve(context));
    await expect(PageSession.open(browser, OPTIONS)).rejects.toThrow();
    expect(close).toHaveBeenCalled();
  });

  it('closes a context that turns up after the time limit', async () => {
    const { context, close } = contextWithoutPages();
    let deliver!: (value: BrowserContext) => void;
    const browser = browserOpening(() => new Promise<BrowserContext>((resolve) => (deliver = resolve)));
    await expect(PageSession.open(browser, OPTIONS)).rejects.toThrow();
    expect(close).not.toHaveBeenCalled();
    deliver(context);
    await vi.waitFor(() => expect(close).toHaveBeenCalled());
  });
});
