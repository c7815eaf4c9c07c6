import { GraphErrorCode, graphError, Role, withRole } from '@lifestone/lib/graph';
import { topics } from '@lifestone/lib/pubsub';
import type { MutationResolvers } from '../generated/resolvers.js';

/** The longest command `sendCommand` passes on. */
export const MAX_COMMAND_LENGTH = 200;
/** The longest character name of the wire protocol. */
const MAX_NAME_LENGTH = 64;

const CONTROL_CHARACTER = /\p{Cc}/u;

/** Why `sendCommand` refuses its arguments, or undefined when they are fine. */
function commandProblem(character: string, command: string): string | undefined {
  if (character.length === 0 || character.length > MAX_NAME_LENGTH) return `character must have 1 to ${MAX_NAME_LENGTH} characters.`;
  if (command.length === 0) return 'command is empty: send a game command such as "/radar start".';
  if (!command.startsWith('/')) return `command must start with "/" (a game command such as "/radar start"); got ${JSON.stringify(command.slice(0, 40))}.`;
  if (command.length > MAX_COMMAND_LENGTH) return `command has ${command.length} characters; at most ${MAX_COMMAND_LENGTH} are allowed.`;
  if (CONTROL_CHARACTER.test(command)) return 'command contains a control character (such as a line break); send one command per call.';
  return undefined;
}

/** `sendCommand`: an operator's game command, published for the character's plugin. */
export const mutationResolvers: MutationResolvers = {
  sendCommand: withRole(Role.operator, async (_parent, { character, command }, context) => {
    const problem = commandProblem(character, command);
    if (problem) throw graphError(GraphErrorCode.BAD_USER_INPUT, problem);
    await context.pubsub.publish({ topic: topics.command(character), key: character, payload: JSON.stringify({ command }) });
    context.log.info({ character, command, by: context.identity.name, role: context.identity.role }, 'command sent');
    return true;
  }),
};
