import { describe, expect, it } from 'vitest';
import { parseYamlText } from './yaml.js';

describe('parseYamlText', () => {
  it('parses YAML to plain data', () => {
    expect(parseYamlText('tenant:\n  id: abc\nusers: [a, b]\n')).toEqual({
      tenant: { id: 'abc' },
      users: ['a', 'b'],
    });
  });

  it('refuses a document that expands aliases without bound', () => {
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++)
      laughs.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    expect(() => parseYamlText(laughs.join('\n'))).toThrow();
  });
});
