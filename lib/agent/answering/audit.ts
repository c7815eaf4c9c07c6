/**
 * The assistant's audit log: one JSON object per line, appended to a file,
 * for every question, refusal, tool call, tool result and answer, each with
 * who asked, the conversation and the trace id. Lines are written in the
 * order they are recorded; a failing disk is logged, never thrown at the asker.
 */
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../log/index.js';

/** Who asked, as the gateway signed it. */
export interface AuditUser {
  kind: 'user' | 'token' | 'anonymous';
  id: string;
  name: string;
}

/** What one line records, besides its time, trace id, conversation and asker. */
export type AuditEvent =
  | { event: 'ask'; question: string }
  | { event: 'refused'; code: string; question: string }
  | { event: 'tool_call'; tool: string; toolCallId: string; arguments: unknown }
  | { event: 'tool_result'; tool: string; toolCallId: string; resultBytes: number; isError: boolean; durationMs: number }
  | { event: 'answer'; outcome: 'done' | 'error'; errorCode: string | null; answerChars: number; toolCalls: number; durationMs: number };

/** One line of the audit log, as written. */
export type AuditLine = AuditEvent & { time: string; traceId: string; sessionId: string; user: string; userKind: AuditUser['kind']; userId: string };

export interface AuditLog {
  record(at: { traceId: string; sessionId: string; user: AuditUser; time: Date }, event: AuditEvent): void;
  /** Resolves once every line recorded so far is written. */
  flush(): Promise<void>;
}

/** An audit log appending to `file` (its folder is created); `undefined` records nothing. */
export function auditLog(file: string | undefined, log?: Logger): AuditLog {
  let written: Promise<void> = Promise.resolve();
  let folderMade = false;
  return {
    record({ traceId, sessionId, user, time }, event) {
      if (!file) return;
      const line: AuditLine = { time: time.toISOString(), traceId, sessionId, user: user.name, userKind: user.kind, userId: user.id, ...event };
      const text = `${JSON.stringify(line)}\n`;
      written = written
        .then(async () => {
          if (!folderMade) await mkdir(path.dirname(file), { recursive: true });
          folderMade = true;
          await appendFile(file, text, { mode: 0o600 });
        })
        .catch((error: unknown) => log?.error({ err: error, file }, 'could not write the assistant audit log'));
    },
    flush: () => written,
  };
}
