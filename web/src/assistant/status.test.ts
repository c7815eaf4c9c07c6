import { describe, expect, it } from 'vitest';
import { hintParts, modelLine } from './status';

describe('the assistant status', () => {
  it('shows the variables a hint names as code, with their values', () => {
    expect(hintParts('The assistant has no language model configured. Set LIFESTONE_LLM_PROVIDER=anthropic and ANTHROPIC_API_KEY, then restart.')).toEqual([
      { text: 'The assistant has no language model configured. Set ', code: false },
      { text: 'LIFESTONE_LLM_PROVIDER=anthropic', code: true },
      { text: ' and ', code: false },
      { text: 'ANTHROPIC_API_KEY', code: true },
      { text: ', then restart.', code: false },
    ]);
    expect(hintParts('LIFESTONE_LLM_MODEL.')).toEqual([
      { text: 'LIFESTONE_LLM_MODEL', code: true },
      { text: '.', code: false },
    ]);
    expect(hintParts('no variables here')).toEqual([{ text: 'no variables here', code: false }]);
  });

  it('names the model and what is left of the hourly allowance', () => {
    expect(modelLine({ provider: 'ANTHROPIC', model: 'claude-sonnet-4-5', asksLeft: 12, asksPerHour: 30 })).toBe('Anthropic · claude-sonnet-4-5 · 12 of 30 asks left this hour');
    expect(modelLine({ provider: 'OPENAI', model: null, asksLeft: 0, asksPerHour: 5 })).toBe('OpenAI-compatible · 0 of 5 asks left this hour');
  });
});
