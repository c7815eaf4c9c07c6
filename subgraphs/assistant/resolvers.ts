import { DateTimeScalar, JSONScalar, subscribeTopics } from '@lifestone/lib/graph';
import { topics } from '@lifestone/lib/pubsub';
import type { Assistant } from './assistant.js';
import type { AssistantTrace, Resolvers } from './generated/resolvers.js';

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
            (message) => (!sessionId || message.key === sessionId ? { mindsEye: JSON.parse(message.payload) as AssistantTrace } : undefined),
            { log: context.log },
          ),
      },
    },
    AssistantSession: {
      messages: (session, _args, context) => assistant.messages(session.id, context),
    },
  };
}
