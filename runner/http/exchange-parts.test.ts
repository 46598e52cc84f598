import { describe, expect, it } from 'vitest';
import { headerRecord } from './exchange-parts.js';

describe('headerRecord', () => {
  it('lowercases and sorts the names, joins repeats with ", ", and keeps Set-Cookie apart, in order', () => {
    const { headers, setCookies } = headerRecord([
      'X-B',
      '1',
      'Set-Cookie',
      'a=1',
      'content-type',
      'text/html',
      'x-b',
      '2',
      'SET-COOKIE',
      'b=2',
      'Location',
      '/next',
    ]);
    expect(Object.entries(headers)).toEqual([
      ['content-type', 'text/html'],
      ['location', '/next'],
      ['set-cookie', 'a=1\nb=2'],
      ['x-b', '1, 2'],
    ]);
    expect(setCookies).toEqual(['a=1', 'b=2']);
  });

  it('takes names an object would inherit as plain field names', () => {
    const { headers } = headerRecord(['constructor', 'a', 'toString', 'b', 'constructor', 'c']);
    expect(Object.entries(headers)).toEqual([
      ['constructor', 'a, c'],
      ['tostring', 'b'],
    ]);
  });
});
