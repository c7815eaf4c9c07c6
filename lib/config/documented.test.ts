import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { settings } from './index.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const configuration = readFileSync(new URL('../../docs/configuration.md', import.meta.url), 'utf8');

describe('README', () => {
  it('documents every setting with its default in docs/configuration.md, linked from the README', () => {
    const rows = new Map(
      [...configuration.matchAll(/^\| `([A-Z_]+)` \| ([^|]+) \|/gm)].map((match) => [match[1], (match[2] as string).trim()]),
    );
    for (const setting of settings) {
      expect(rows.get(setting.env), setting.env).toBe(setting.default === undefined ? '*(unset)*' : `\`${setting.default}\``);
    }
    expect([...rows.keys()].filter((name) => !settings.some((s) => s.env === name))).toEqual([]);
    expect(readme).toContain('(docs/configuration.md)');
  });

  it('gives the two quick-start commands', () => {
    expect(readme).toContain('npm start');
    expect(readme).toContain('npm test');
  });
});
