/**
 * The model settings the environment gives (`LIFESTONE_LLM_*`), and when they
 * are incomplete, a hint that names exactly the variables to set.
 */
import { integerSetting, setting } from '../../config/index.js';
import { ANTHROPIC_URL } from './providers/anthropic.js';
import { ModelProviderKind, type ModelSettings } from './providers/types.js';

/** Either usable model settings, or why there are none and what to set. */
export type ModelConfiguration = { model: ModelSettings; hint?: undefined } | { model?: undefined; hint: string };

const EXAMPLES =
  'Set LIFESTONE_LLM_PROVIDER=anthropic, LIFESTONE_LLM_API_KEY=<your Anthropic API key> and LIFESTONE_LLM_MODEL=<a model, e.g. claude-sonnet-4-5>; ' +
  'or LIFESTONE_LLM_PROVIDER=openai, LIFESTONE_LLM_URL=<an OpenAI-compatible base URL, e.g. http://127.0.0.1:11434/v1 for Ollama> and LIFESTONE_LLM_MODEL=<a model, e.g. llama3.1> ' +
  '(with LIFESTONE_LLM_API_KEY if the service needs one); then restart the assistant.';

/** The model settings of `env`, or a hint saying which variables are missing or wrong. */
export function modelConfigurationFromEnv(env: Record<string, string | undefined> = process.env): ModelConfiguration {
  const provider = setting('LIFESTONE_LLM_PROVIDER', env)?.trim().toLowerCase();
  if (!provider) return { hint: `The assistant has no language model configured. ${EXAMPLES}` };
  if (provider !== ModelProviderKind.anthropic && provider !== ModelProviderKind.openai) {
    return { hint: `LIFESTONE_LLM_PROVIDER must be anthropic or openai, not ${JSON.stringify(provider)}. ${EXAMPLES}` };
  }
  const url = setting('LIFESTONE_LLM_URL', env) ?? (provider === 'anthropic' ? ANTHROPIC_URL : undefined);
  const apiKey = setting('LIFESTONE_LLM_API_KEY', env);
  const model = setting('LIFESTONE_LLM_MODEL', env);
  const missing = [
    ...(url ? [] : ['LIFESTONE_LLM_URL (the base URL, e.g. http://127.0.0.1:11434/v1 for Ollama)']),
    ...(provider === 'anthropic' && !apiKey ? ['LIFESTONE_LLM_API_KEY (your Anthropic API key)'] : []),
    ...(model ? [] : [`LIFESTONE_LLM_MODEL (the model's name, e.g. ${provider === 'anthropic' ? 'claude-sonnet-4-5' : 'llama3.1'})`]),
  ];
  if (missing.length > 0 || !url || !model) {
    return { hint: `LIFESTONE_LLM_PROVIDER=${provider} also needs ${missing.join(' and ')}; then restart the assistant.` };
  }
  return { model: { provider, url, apiKey, model, maxTokens: integerSetting('LIFESTONE_LLM_MAX_TOKENS', env) } };
}
