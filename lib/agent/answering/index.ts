/**
 * The assistant: a language model (Anthropic's Messages API or any
 * OpenAI-compatible chat API, streamed) answering questions with Lifestone's
 * MCP tools. The GraphQL face (sessions, streaming, limits, Mind's Eye) is
 * the assistant subgraph, `subgraphs/assistant/`.
 */
export { answerQuestion, AnswerError, AnswerErrorCode, MAX_TOOL_ROUNDS, RESULT_SUMMARY_CHARS, type Answer, type AnswerEvent, type AnswerOptions, type AnswerToolCall } from './answer.js';
export { auditLog, type AuditEvent, type AuditLine, type AuditLog, type AuditUser } from './audit.js';
export { systemPrompt } from './prompt.js';
export { modelConfigurationFromEnv, type ModelConfiguration } from './settings.js';
export { connectToolBox, type ToolBox, type ToolOutcome } from './tools.js';
export { characterArguments, lookedAt, MAX_TRACE_CHARACTERS, MAX_TRACE_POSITIONS, type LookedAt, type TracePosition } from './trace.js';
export * from './providers/index.js';
