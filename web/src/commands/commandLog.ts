/**
 * The commands this tab sent and what became of each: the Command window's
 * log, kept while the tab lives (closing the window does not lose it).
 */
import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { GraphError, request } from '../graph/client';
import { SendCommandDocument } from '../graph/generated/graphql';

/** One command sent. */
export interface SentCommand {
  id: number;
  /** When it was sent (ms). */
  at: number;
  character: string;
  command: string;
  /** `pending` until the graph answers; `sent` means handed to the plugin's connection. */
  status: 'pending' | 'sent' | 'failed';
  error?: { message: string; code: string };
}

/** Commands kept in the log. */
export const COMMAND_LOG_SIZE = 20;

/** The command log and the way to send: `send` records each command and how the graph answered. */
export const useCommandLogStore = defineStore('commandLog', () => {
  /** Newest first. */
  const entries = shallowRef<SentCommand[]>([]);
  let nextId = 1;

  function update(id: number, changes: Partial<SentCommand>): SentCommand | undefined {
    entries.value = entries.value.map((entry) => (entry.id === id ? { ...entry, ...changes } : entry));
    return entries.value.find((entry) => entry.id === id);
  }

  /** Sends `command` to `character`'s plugin; resolves the entry as it ended (`sent` or `failed`). */
  async function send(character: string, command: string): Promise<SentCommand> {
    const entry: SentCommand = { id: nextId++, at: Date.now(), character, command, status: 'pending' };
    entries.value = [entry, ...entries.value].slice(0, COMMAND_LOG_SIZE);
    try {
      const { sendCommand } = await request(SendCommandDocument, { character, command });
      return update(entry.id, sendCommand ? { status: 'sent' } : { status: 'failed', error: { message: 'the graph did not take the command', code: 'NOT_SENT' } }) ?? entry;
    } catch (caught) {
      const error = caught instanceof GraphError ? caught : new GraphError(String(caught), 'GRAPH_ERROR');
      return update(entry.id, { status: 'failed', error: { message: error.message, code: error.code } }) ?? entry;
    }
  }

  return { entries, send };
});
