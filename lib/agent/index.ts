/** The assistant's MCP tools and server; see lib/agent/README.md. */
export { createLifestoneMcpServer, SERVER_INFO, SERVER_INSTRUCTIONS } from './mcp/server.js';
export { createMcpHttpHandler, McpHttpErrorCode, type McpHttpOptions } from './mcp/http.js';
export { TOOLS, DATA_NOT_INSTRUCTIONS, TOOL_RESULT_MAX_BYTES } from './tools/index.js';
export type { GraphRequest, LifestoneTool, ToolContext } from './tools/types.js';
export { createReadOnlySql, executeReadOnly, type ReadOnlyQuery, type ReadOnlyResult, type ReadOnlySql, type ReadOnlySqlOptions, type SharedReadOnlySqlOptions } from './sql/executor.js';
export { sqlStatementsRefusedBusy } from './sql/fair-share.js';
export { checkReadOnlySelect } from './sql/guard.js';
export { SqlErrorCode, SqlToolError } from './sql/errors.js';
