/** How the Assistant window words the model's status. */
import type { AssistantStatusQuery } from '../graph/generated/graphql';

/** `Query.assistant`. */
export type AssistantStatus = AssistantStatusQuery['assistant'];

/** A piece of the configuration hint: plain words, or an environment variable (`LIFESTONE_LLM_PROVIDER=anthropic`) to show as code. */
export interface HintPart {
  text: string;
  code: boolean;
}

/** The hint cut into words and the variables it names (with their `=value` when given), in order. */
export function hintParts(hint: string): HintPart[] {
  const parts: HintPart[] = [];
  let at = 0;
  for (const match of hint.matchAll(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?:=[^\s,;]*[^\s,;.])?/g)) {
    if (match.index > at) parts.push({ text: hint.slice(at, match.index), code: false });
    parts.push({ text: match[0], code: true });
    at = match.index + match[0].length;
  }
  if (at < hint.length) parts.push({ text: hint.slice(at), code: false });
  return parts;
}

const PROVIDER_NAMES: Record<NonNullable<AssistantStatus['provider']>, string> = { ANTHROPIC: 'Anthropic', OPENAI: 'OpenAI-compatible' };

/** The model and the caller's allowance in one line: `Anthropic · claude-x · 12 of 30 asks left this hour`. */
export function modelLine(status: Pick<AssistantStatus, 'provider' | 'model' | 'asksLeft' | 'asksPerHour'>): string {
  return [status.provider && PROVIDER_NAMES[status.provider], status.model, `${status.asksLeft} of ${status.asksPerHour} asks left this hour`].filter(Boolean).join(' · ');
}
