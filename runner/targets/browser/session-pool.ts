/**
 * @module Browser contexts opened ahead of the scenarios that will use them. A new context (and its
 * page) is the largest single cost of a browser-mode scenario: Chromium starts a renderer process for
 * it, and Playwright sets the page up — measured at about 40% of a scenario on two loaded cores. Each
 * scenario still gets a context of its own, never used before (isolation: no cookie, cache or storage
 * carries over); the pool only starts opening the next ones while the current scenarios run, so that
 * the wait overlaps the SP's and the harness's work.
 */
import type { Browser } from 'playwright-core';
import { PageSession, type PageSessionOptions } from './page-session.js';

export class SessionPool {
  private readonly ready: Array<Promise<PageSession>> = [];
  private closed = false;

  /** `depth`: contexts kept open and waiting (each holds a renderer process). */
  constructor(
    private readonly browser: Browser,
    private readonly options: Omit<PageSessionOptions, 'allows'>,
    private readonly depth: number,
  ) {
    this.fill();
  }

  /**
   * A fresh, unused session whose subresources are held to `allows`, and the next one set opening. A
   * session that failed to open is handed out as that failure (the caller reports BROWSER_FAILED).
   */
  take(allows: ((url: string) => boolean) | undefined): Promise<PageSession> {
    const next = this.ready.shift() ?? this.open();
    this.fill();
    return next.then((session) => {
      session.restrict(allows);
      return session;
    });
  }

  /** Closes the waiting contexts; later takes open their own. */
  async close(): Promise<void> {
    this.closed = true;
    const waiting = this.ready.splice(0);
    await Promise.allSettled(waiting.map((opening) => opening.then((session) => session.close())));
  }

  private fill(): void {
    while (!this.closed && this.ready.length < this.depth) this.ready.push(this.open());
  }

  private open(): Promise<PageSession> {
    const opening = PageSession.open(this.browser, this.options);
    // A failure is read by whoever takes it; one nobody takes must not crash the process.
    opening.catch(() => undefined);
    return opening;
  }
}
