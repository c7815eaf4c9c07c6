import { DateTimeScalar, JSONScalar, subscribeTopics } from '@lifestone/lib/graph';
import { topics } from '@lifestone/lib/pubsub';
import { seesTracesOf, type Assistant, type PublishedTrace } from './assistant.js';
import type { Resolvers } from './generated/resolvers.js';

/** The resolver map over one assistant (see assistant.ts). */
export function assistantResolvers(assistant: Assistant): Resolvers {
  return {
    DateTime: DateTimeScalar,
    JSON: JSONScalar,
    Query: {
      assistant: (_root, _args, context) => assistant.status(context),
      assistantSessions: (_root, _args, context) => assistant.sessions(context),
      assistantSession: (_root, { id }, context) => assistant.session(id, context),
      mindsEyeHistory: (_root, { last }, context) => assistant.traceHistory(last, context),
    },
    Mutation: {
      newAssistantSession: (_root, { title }, context) => assistant.newSession(title, context),
      deleteAssistantSession: (_root, { id }, context) => assistant.deleteSession(id, context),
    },
    Subscription: {
      ask: {
        subscribe: (_root, { sessionId, question }, context) => assistant.ask(sessionId, question, context),
      },
      mindsEye: {
        subscribe: (_root, { sessionId }, context) =>
          subscribeTopics(
            context.pubsub,
            [topics.assistantTrace],
            (message) => {
              if (sessionId && message.key !== sessionId) return undefined;
              const trace = JSON.parse(message.payload) as PublishedTrace;
              return seesTracesOf(context.identity, trace.owner) ? { mindsEye: trace } : undefined;
            },
            { log: context.log },
          ),
      },
    },
    AssistantSession: {
      messages: (session, _args, context) => assistant.messages(session.id, context),
    },
  };
}
