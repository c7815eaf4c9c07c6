/**
 * The Assistant window's conversation: the model's status, the caller's
 * sessions, the open one's history and the answer being written. A store, so
 * that closing the window neither stops an answer nor loses the draft; the
 * open session's id is remembered in localStorage, so a reload reopens it.
 */
import { defineStore } from 'pinia';
import { computed, shallowRef, watch } from 'vue';
import { GraphError, request } from '../graph/client';
import { useConnectionStore } from '../graph/connection';
import {
  AssistantAskDocument,
  AssistantHistoryDocument,
  AssistantSessionsDocument,
  AssistantStatusDocument,
  DeleteAssistantSessionDocument,
  NewAssistantSessionDocument,
} from '../graph/generated/graphql';
import { useQuery, useSubscription } from '../graph/use';
import { applyAskEvent, endAnswer, fromStored, isFinal, startAnswer, type AskEvent, type ChatMessage } from './answer';

/** The localStorage key of the open session's id. */
export const SESSION_STORAGE_KEY = 'lifestone.assistant.session.v1';

/** Longest question `ask` takes. */
export const MAX_QUESTION_LENGTH = 4_000;

/** The ask being answered: its variables, and the two messages it added. */
interface PendingAsk {
  sessionId: string;
  question: string;
  questionId: string;
  answerId: string;
  /** Whether its session was made for it (a new chat's first question). */
  newSession: boolean;
}

const asGraphError = (caught: unknown): GraphError => (caught instanceof GraphError ? caught : new GraphError(String(caught), 'GRAPH_ERROR'));

/** The open session's id, remembered in localStorage (where there is one) so that a reload reopens it. */
function rememberedSessionId() {
  const storage = typeof localStorage === 'undefined' ? undefined : localStorage;
  const sessionId = shallowRef<string | undefined>(storage?.getItem(SESSION_STORAGE_KEY) ?? undefined);
  watch(sessionId, (id) => (id ? storage?.setItem(SESSION_STORAGE_KEY, id) : storage?.removeItem(SESSION_STORAGE_KEY)));
  return sessionId;
}

export const useAssistantStore = defineStore('assistant', () => {
  const connection = useConnectionStore();
  /** The open session; undefined for a new chat (created with its first question). */
  const sessionId = rememberedSessionId();

  const status = useQuery(AssistantStatusDocument, {});
  const sessions = useQuery(AssistantSessionsDocument, {});
  const history = useQuery(AssistantHistoryDocument, () => ({ id: sessionId.value ?? '' }), { pause: () => !sessionId.value });

  /** The open session's messages, oldest first, the answer being written last. */
  const messages = shallowRef<ChatMessage[]>([]);
  /** The question being typed (kept while the window is closed; given back when an ask is refused). */
  const draft = shallowRef('');
  /** Why the last ask could not start (`RATE_LIMITED`, `ASK_IN_FLIGHT` …: the message says when to retry). */
  const problem = shallowRef<GraphError>();
  const pending = shallowRef<PendingAsk>();
  let asks = 0;
  /** Whether the pending ask's first event arrived. Not in `pending`: a new value there would subscribe (ask) again. */
  let started = false;

  watch(history.data, (data) => {
    if (!data || pending.value) return;
    const session = data.assistantSession;
    if (!session) {
      // Deleted, or someone else's (another account signed in on this browser): start afresh.
      sessionId.value = undefined;
      messages.value = [];
    } else if (session.id === sessionId.value) {
      messages.value = session.messages.map(fromStored);
    }
  });

  function updateAnswer(id: string, change: (answer: ChatMessage) => ChatMessage): void {
    messages.value = messages.value.map((message) => (message.id === id ? change(message) : message));
  }

  function settled(): void {
    pending.value = undefined;
    void sessions.refresh();
    void status.refresh();
  }

  function onEvent(event: AskEvent): void {
    const ask = pending.value;
    if (!ask) return;
    // The question is stored once the answer starts: the list can show it as the new session's title.
    if (!started) {
      started = true;
      void sessions.refresh();
    }
    updateAnswer(ask.answerId, (answer) => applyAskEvent(answer, event));
    if (isFinal(event)) settled();
  }

  const answer = useSubscription(AssistantAskDocument, () => ({ sessionId: pending.value?.sessionId ?? '', question: pending.value?.question ?? '' }), (data) => onEvent(data.ask), {
    pause: () => !pending.value,
  });

  // Refused before it started: nothing was stored, so the question goes back into the input.
  // (An error after the answer began, e.g. the gateway losing the assistant, ends it with what was written.)
  watch(answer.error, (error) => {
    const ask = pending.value;
    if (!error || !ask) return;
    const written = messages.value.find((message) => message.id === ask.answerId);
    const began = written !== undefined && (written.text !== '' || written.toolCalls.length > 0);
    problem.value = error;
    if (began) {
      updateAnswer(ask.answerId, (message) => ({ ...message, streaming: false, errorCode: error.code, errorText: error.message }));
    } else {
      messages.value = messages.value.filter((message) => message.id !== ask.questionId && message.id !== ask.answerId);
      if (!draft.value) draft.value = ask.question;
      if (error.code === 'NOT_FOUND') sessionId.value = undefined;
      else if (ask.newSession) forget(ask.sessionId);
    }
    settled();
  });

  /** Deletes a session made for a question that was refused: it holds nothing, and would only clutter the list. */
  function forget(id: string): void {
    if (sessionId.value === id) sessionId.value = undefined;
    void request(DeleteAssistantSessionDocument, { id })
      .catch(() => undefined)
      .then(() => sessions.refresh());
  }

  // graphql-ws would ask again after a reconnect: end the answer instead, and read the history once back
  // (the assistant stores what it wrote before it noticed).
  watch(
    () => connection.status,
    (now, before) => {
      const ask = pending.value;
      if (ask && (now === 'reconnecting' || now === 'closed')) {
        updateAnswer(ask.answerId, (message) => endAnswer(message, 'INTERRUPTED', new Date()));
        pending.value = undefined;
      } else if (now === 'online' && before === 'reconnecting' && sessionId.value && !pending.value) {
        void history.refresh();
      }
    },
  );

  /** Asks `text` in the open session (a new one when none is open); one answer at a time. */
  async function ask(text: string): Promise<void> {
    const question = text.trim();
    if (!question || pending.value) return;
    problem.value = undefined;
    let id = sessionId.value;
    const newSession = !id;
    if (!id) {
      try {
        id = (await request(NewAssistantSessionDocument)).newAssistantSession.id;
      } catch (caught) {
        problem.value = asGraphError(caught);
        return;
      }
      sessionId.value = id;
      void sessions.refresh();
    }
    asks += 1;
    const [asked, answering] = startAnswer(question, new Date(), String(asks));
    messages.value = [...messages.value, asked, answering];
    if (draft.value.trim() === question) draft.value = '';
    started = false;
    pending.value = { sessionId: id, question, questionId: asked.id, answerId: answering.id, newSession };
  }

  /** Stops the answer being written (ending the subscription stops it on the server). */
  function stop(): void {
    const ask = pending.value;
    if (!ask) return;
    updateAnswer(ask.answerId, (message) => endAnswer(message, 'STOPPED', new Date()));
    settled();
  }

  /** Opens session `id` (its history loads), or a new chat with none. Not while an answer is written. */
  function open(id: string | undefined): void {
    if (pending.value) return;
    problem.value = undefined;
    messages.value = [];
    if (sessionId.value === id && id) void history.refresh();
    sessionId.value = id;
  }

  /** The model's status and the caller's limits; undefined until the first answer. */
  const model = computed(() => status.data.value?.assistant);
  /** The caller's sessions, most recently active first. */
  const sessionList = computed(() => sessions.data.value?.assistantSessions ?? []);
  /** Whether an answer is being written. */
  const answering = computed(() => pending.value !== undefined);
  /** Why the status, the sessions or the history could not be read. */
  const readProblem = computed(() => status.error.value ?? sessions.error.value ?? history.error.value);
  /** Whether the open session's history is loading. */
  const loadingHistory = computed(() => history.loading.value);

  return { sessionId, model, sessionList, messages, draft, problem, readProblem, answering, loadingHistory, ask, stop, open };
});
