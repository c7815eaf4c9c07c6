import { describe, expect, it } from 'vitest';
import { secretForBanner } from './index.js';

describe('secrets in the start banner', () => {
  it('show their value on a terminal only; logs get where they are kept', () => {
    expect(secretForBanner('s3cret', '.lifestone/plugin-secret', true)).toBe('s3cret  (kept in .lifestone/plugin-secret)');
    expect(secretForBanner('s3cret', '.lifestone/plugin-secret', false)).toBe('kept in .lifestone/plugin-secret (shown on a terminal only)');
    expect(secretForBanner('s3cret', 'LIFESTONE_PLUGIN_SECRET', false)).not.toContain('s3cret');
  });
});
