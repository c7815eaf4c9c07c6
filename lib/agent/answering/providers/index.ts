import { anthropicProvider } from './anthropic.js';
import { openAiProvider } from './openai.js';
import type { ModelProvider, ModelProviderKind, ModelSettings } from './types.js';

export * from './types.js';
export { anthropicProvider, anthropicMessages, ANTHROPIC_URL } from './anthropic.js';
export { openAiProvider, openAiMessages } from './openai.js';

const providers: Record<ModelProviderKind, (settings: ModelSettings) => ModelProvider> = {
  anthropic: anthropicProvider,
  openai: openAiProvider,
};

/** The provider `settings.provider` names. */
export function createModelProvider(settings: ModelSettings): ModelProvider {
  return providers[settings.provider](settings);
}
