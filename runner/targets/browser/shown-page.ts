/**
 * @module The SP's final page after the last delivery, as the browser showed it — the SP's answer, or
 * the harness's "stopped here" page — kept so that a screenshot taken once the outcome is known is
 * still of what the SP answered the delivery, even when a probe has navigated the page since.
 */
import type { FlowResult } from './follow-sp.js';
import type { DocumentHop, PageSession } from './page-session.js';
import { stoppedPage } from './pages.js';
import { settle, withTimeout } from './settle.js';

/** How long the SP's final page, shown again, may take to load before the screenshot is taken anyway. */
const SHOW_AGAIN_MS = 3000;

/** What the page showed after a delivery: the SP's answer, or the harness's "stopped here" page. */
interface ShownAnswer {
  url: string;
  html: string;
  status: number;
  contentType: string | undefined;
}

export class ShownPage {
  private answer: ShownAnswer | undefined;
  /** Whether the page has navigated away from `answer` since (a probe). */
  private movedOn = false;

  /** After a delivery: the page its flow ended on (`last`, or the stop page where the harness stopped it). */
  record(result: FlowResult, last: DocumentHop): void {
    this.answer =
      result.stop !== undefined
        ? { url: result.stop.url, html: stoppedPageFor(result.stop), status: 200, contentType: undefined }
        : { url: last.url, html: last.body, status: last.status, contentType: last.headers['content-type'] };
    this.movedOn = false;
  }

  /** The page is navigating elsewhere (a probe): a later screenshot must show the answer again. */
  navigatedAway(): void {
    this.movedOn = true;
  }

  /** A new browser context: nothing of the old one is shown. */
  forget(): void {
    this.answer = undefined;
  }

  get recorded(): boolean {
    return this.answer !== undefined;
  }

  /**
   * A screenshot of the SP's final page for a scenario whose outcome asks for one. When a probe has
   * navigated the page since, the page is shown again from the SP's recorded answer (served by the
   * harness at its URL; the SP is not asked again, and nothing the page starts is followed) — so
   * the image is of what the SP answered the delivery, as when it was taken right after it.
   */
  async screenshot(session: PageSession): Promise<Buffer | undefined> {
    const shown = this.answer;
    if (shown && this.movedOn) {
      const loaded = settle<void>();
      let served = false;
      session.steer({
        request: (request) => {
          if (served || request.request.url !== shown.url) return { type: 'fail', reason: 'Aborted' };
          served = true;
          return { type: 'fulfill', html: shown.html, status: shown.status, contentType: shown.contentType };
        },
        load: () => loaded.resolve(),
        failed: () => loaded.resolve(),
      });
      try {
        void session.page.goto(shown.url, { waitUntil: 'commit' }).catch(() => undefined);
        await withTimeout(loaded.promise, SHOW_AGAIN_MS, () => new Error('not loaded')).catch(
          () => undefined,
        );
      } finally {
        session.steer(undefined);
      }
    }
    return session.screenshot();
  }
}

function stoppedPageFor(stop: NonNullable<FlowResult['stop']>): string {
  return stoppedPage(
    stop.kind === 'idp'
      ? 'The SP sent the browser back to the IdP.'
      : 'The SP redirected the browser off its own origin; samlspec does not follow.',
    stop.url,
  );
}
