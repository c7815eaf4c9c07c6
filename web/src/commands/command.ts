/**
 * Game commands an operator sends to a plugin: the rules the graph enforces,
 * checked before sending so that a typo is explained at once.
 */

/** Longest command the graph accepts. */
export const MAX_COMMAND_LENGTH = 200;

// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/** Why `command` would be refused, or undefined when it may be sent: it starts with `/`, has 1 to 200 characters, no control characters. */
export function commandProblem(command: string): string | undefined {
  if (!command.startsWith('/')) return 'A game command starts with /, e.g. /radar start.';
  if (command.length > MAX_COMMAND_LENGTH) return `A command has at most ${MAX_COMMAND_LENGTH} characters (this one has ${command.length}).`;
  if (CONTROL_CHARACTERS.test(command)) return 'A command cannot hold control characters (tabs, line breaks).';
  return undefined;
}
