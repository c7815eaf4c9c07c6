import { describe, expect, it } from 'vitest';
import { topics, topicSegment } from './topics.js';

describe('topicSegment', () => {
  it('keeps a name of letters, digits, _ and - as it is', () => {
    expect(topicSegment('Arwic_the-2nd')).toBe('Arwic_the-2nd');
    expect(topicSegment('')).toBe('');
  });

  it('percent-encodes every other byte of its UTF-8, so that a name stays one segment', () => {
    expect(topicSegment('Sir Bob.the*>')).toBe('Sir%20Bob%2Ethe%2A%3E');
    expect(topicSegment('Æthel')).toBe('%C3%86thel');
    expect(topics.shareVitals('Fellows of.Ayan')).toBe('lifestone.share-vitals.Fellows%20of%2EAyan');
  });
});
