import { onScopeDispose } from 'vue';
import { describe, expect, it } from 'vitest';
import { sharedFeed } from './shared';

describe('sharedFeed', () => {
  it('sets up once for every caller and stops when the last one releases, each release counting once', () => {
    const events: string[] = [];
    const feed = sharedFeed(() => {
      events.push('setup');
      onScopeDispose(() => events.push('stop'));
    });
    const first = feed.start();
    const second = feed.start();
    first();
    first();
    expect(events).toEqual(['setup']);
    second();
    expect(events).toEqual(['setup', 'stop']);
    feed.start()();
    expect(events).toEqual(['setup', 'stop', 'setup', 'stop']);
  });
});
