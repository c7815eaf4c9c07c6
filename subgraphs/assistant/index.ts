import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { integerSetting, setting } from '@lifestone/lib/config';
import type { SubgraphModule } from '@lifestone/lib/graph';
import { modelConfigurationFromEnv } from '@lifestone/lib/agent/answering';
import { createAssistant, MAX_QUESTION_CHARS, type AssistantOptions } from './assistant.js';
import { assistantResolvers } from './resolvers.js';

export { AskRefusalCode } from './errors.js';
export { MAX_QUESTION_CHARS, MAX_TITLE_CHARS, type AssistantOptions } from './assistant.js';

/** The SDL, the source of truth for this subgraph's part of the graph. */
export const assistantSdl = readFileSync(new URL('./assistant.graphql', import.meta.url), 'utf8');

/**
 * The assistant's options from the environment: the model (`LIFESTONE_LLM_*`),
 * the graph its tools query (`LIFESTONE_ASSISTANT_GATEWAY_URL` with
 * `LIFESTONE_ASSISTANT_API_TOKEN`), the limits and the audit log.
 */
export function assistantOptionsFromEnv(env: Record<string, string | undefined> = process.env): AssistantOptions {
  const token = setting('LIFESTONE_ASSISTANT_API_TOKEN', env);
  return {
    model: modelConfigurationFromEnv(env),
    graph: token ? { url: setting('LIFESTONE_ASSISTANT_GATEWAY_URL', env) as string, token } : undefined,
    asksPerHour: integerSetting('LIFESTONE_ASSISTANT_ASKS_PER_HOUR', env),
    timeoutMs: integerSetting('LIFESTONE_ASSISTANT_TIMEOUT_MS', env),
    auditLog: setting('LIFESTONE_ASSISTANT_AUDIT_LOG', env),
  };
}

/**
 * The assistant subgraph: conversations with a language model that answers
 * with Lifestone's MCP tools, streamed by `ask`, and every tool call on
 * `mindsEye`. Options default to the environment's
 * ({@link assistantOptionsFromEnv}). Serve it with `startSubgraph` from
 * `@lifestone/lib/graph`.
 */
export function assistantSubgraph(options: AssistantOptions = assistantOptionsFromEnv()): SubgraphModule {
  return {
    name: 'assistant',
    typeDefs: parse(assistantSdl),
    resolvers: assistantResolvers(createAssistant(options)),
    textArgumentLimits: { 'Subscription.ask(question:)': MAX_QUESTION_CHARS },
  };
}
