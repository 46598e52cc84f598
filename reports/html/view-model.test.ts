import { describe, expect, it } from 'vitest';
import { artifactHref } from '../artifacts.js';
import { sampleReport } from '../test-support/sample-report.js';
import { buildView } from './view-model.js';

describe('buildView', () => {
  const view = buildView(sampleReport);

  it('aligns one view per result, with the verdict and outcome legend', () => {
    expect(view.results).toHaveLength(sampleReport.results.length);
    expect(view.verdict.tone).toBe('fail');
    expect(view.outcomeOrder[0]).toBe('fail');
  });

  it('splits artifacts into images and files, dropping anything that is not a relative path', () => {
    expect(view.results[1]).toMatchObject({
      images: ['profiles/recipient-mismatch/screenshot.png'],
      files: ['profiles/recipient-mismatch/trace.zip'],
    });
    expect(artifactHref('shots/a b#1.png')).toBe('shots/a%20b%231.png');
    expect(artifactHref('C:\\x.png')).toBeUndefined();
    expect(artifactHref('/etc/passwd')).toBeUndefined();
    expect(artifactHref('JavaScript:alert(1)')).toBeUndefined();
  });

  it('pretty-prints the AuthnRequest and diffs the response', () => {
    expect(view.results[0]?.authnRequest?.[0]).toBe('<samlp:AuthnRequest');
    expect(view.results[0]?.response).toMatchObject({ added: 1, removed: 1 });
    expect(view.results[2]?.response).toBeUndefined();
  });
});
