/**
 * Discord's checks on what a bot posts and registers, with its error shapes:
 * a refused body answers 400 `{ code: 50035, message: 'Invalid Form Body',
 * errors }`, where `errors` mirrors the body's paths down to `_errors` lists
 * (`errors.embeds[0].title._errors[0].code === 'BASE_TYPE_MAX_LENGTH'`).
 */
import { ApplicationCommandType, RESTJSONErrorCodes, type APIEmbed } from 'discord-api-types/v10';

/** Discord's documented limits on messages and embeds. */
export const MessageLimits = {
  content: 2000,
  embeds: 10,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Characters of every embed's title, description, field names and values, footer and author together. */
  embedsTotal: 6000,
} as const;

/** Discord's limits on application commands. */
export const CommandLimits = { name: 32, description: 100, options: 25, commands: 100 } as const;

/** One entry of an `_errors` list. */
export interface FieldError {
  code: string;
  message: string;
}

/** Discord's nested error tree, gathered while checking a body. */
export class FormErrors {
  readonly tree: Record<string, unknown> = {};

  add(path: (string | number)[], code: string, message: string): void {
    let node = this.tree;
    for (const key of path) node = (node[String(key)] ??= {}) as Record<string, unknown>;
    ((node._errors ??= []) as FieldError[]).push({ code, message });
  }

  get empty(): boolean {
    return Object.keys(this.tree).length === 0;
  }

  /** The 400 body Discord answers with. */
  body() {
    return { code: RESTJSONErrorCodes.InvalidFormBodyOrContentType, message: 'Invalid Form Body', errors: this.tree };
  }
}

/** The parts of a message body the stand-in understands. */
export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  flags?: number;
}

/** Length as Discord counts it: code points, not UTF-16 units. */
function length(text: string | undefined): number {
  return text === undefined ? 0 : [...text].length;
}

function maxLength(errors: FormErrors, path: (string | number)[], text: unknown, limit: number): void {
  if (text === undefined || text === null) return;
  if (typeof text !== 'string') errors.add(path, 'BASE_TYPE_STRING', 'Must be a string.');
  else if (length(text) > limit) errors.add(path, 'BASE_TYPE_MAX_LENGTH', `Must be ${limit} or fewer in length.`);
}

/** Checks content and embeds against Discord's limits; an empty message is refused by the caller (code 50006). */
export function messageErrors(body: MessageBody): FormErrors {
  const errors = new FormErrors();
  maxLength(errors, ['content'], body.content, MessageLimits.content);
  if (body.embeds === undefined || body.embeds === null) return errors;
  if (!Array.isArray(body.embeds)) {
    errors.add(['embeds'], 'BASE_TYPE_ARRAY', 'Must be an array.');
    return errors;
  }
  if (body.embeds.length > MessageLimits.embeds) errors.add(['embeds'], 'BASE_TYPE_MAX_LENGTH', `Must be ${MessageLimits.embeds} or fewer in length.`);
  let total = 0;
  body.embeds.forEach((embed, index) => {
    const at = ['embeds', index];
    maxLength(errors, [...at, 'title'], embed.title, MessageLimits.title);
    maxLength(errors, [...at, 'description'], embed.description, MessageLimits.description);
    maxLength(errors, [...at, 'footer', 'text'], embed.footer?.text, MessageLimits.footerText);
    maxLength(errors, [...at, 'author', 'name'], embed.author?.name, MessageLimits.authorName);
    total += length(embed.title) + length(embed.description) + length(embed.footer?.text) + length(embed.author?.name);
    const fields = embed.fields ?? [];
    if (fields.length > MessageLimits.fields) errors.add([...at, 'fields'], 'BASE_TYPE_MAX_LENGTH', `Must be ${MessageLimits.fields} or fewer in length.`);
    fields.forEach((field, fieldIndex) => {
      for (const [key, limit] of [['name', MessageLimits.fieldName], ['value', MessageLimits.fieldValue]] as const) {
        if (field[key] === undefined || field[key] === null) errors.add([...at, 'fields', fieldIndex, key], 'BASE_TYPE_REQUIRED', 'This field is required');
        else maxLength(errors, [...at, 'fields', fieldIndex, key], field[key], limit);
      }
      total += length(field.name) + length(field.value);
    });
  });
  if (total > MessageLimits.embedsTotal) errors.add(['embeds'], 'MAX_EMBED_SIZE_EXCEEDED', `Embed size exceeds maximum size of ${MessageLimits.embedsTotal}`);
  return errors;
}

/** True when the message would show nothing, which Discord refuses with code 50006. */
export function isEmptyMessage(body: MessageBody): boolean {
  return !body.content && !(Array.isArray(body.embeds) && body.embeds.length > 0);
}

/** The registrable parts of an application command or option. */
interface CommandLike {
  name?: unknown;
  description?: unknown;
  type?: unknown;
  options?: CommandLike[];
}

/** Chat-input names: lower case letters, digits, `-` and `_` (and other scripts' letters), 1 to 32 of them. */
const chatInputName = /^[-_'\p{Ll}\p{Lo}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

function checkNamed(errors: FormErrors, path: (string | number)[], item: CommandLike, chatInput: boolean): void {
  if (typeof item.name !== 'string') errors.add([...path, 'name'], 'BASE_TYPE_REQUIRED', 'This field is required');
  else if (length(item.name) < 1 || length(item.name) > CommandLimits.name) errors.add([...path, 'name'], 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${CommandLimits.name} in length.`);
  else if (chatInput && !chatInputName.test(item.name)) errors.add([...path, 'name'], 'APPLICATION_COMMAND_INVALID_NAME', 'Command name is invalid');
  if (!chatInput) return;
  if (typeof item.description !== 'string') errors.add([...path, 'description'], 'BASE_TYPE_REQUIRED', 'This field is required');
  else if (length(item.description) < 1 || length(item.description) > CommandLimits.description)
    errors.add([...path, 'description'], 'BASE_TYPE_BAD_LENGTH', `Must be between 1 and ${CommandLimits.description} in length.`);
  const options = item.options ?? [];
  if (options.length > CommandLimits.options) errors.add([...path, 'options'], 'BASE_TYPE_MAX_LENGTH', `Must be ${CommandLimits.options} or fewer in length.`);
  options.forEach((option, index) => checkNamed(errors, [...path, 'options', index], option, true));
}

/** Checks a bulk overwrite (`PUT .../commands`), or one command (`POST`, `single`: its errors sit at the top). */
export function commandErrors(commands: CommandLike[], single = false): FormErrors {
  const errors = new FormErrors();
  if (commands.length > CommandLimits.commands) errors.add([], 'BASE_TYPE_MAX_LENGTH', `Must be ${CommandLimits.commands} or fewer in length.`);
  const seen = new Set<string>();
  commands.forEach((command, index) => {
    const at = single ? [] : [index];
    const type = command.type ?? ApplicationCommandType.ChatInput;
    checkNamed(errors, at, command, type === ApplicationCommandType.ChatInput);
    const key = `${String(type)}:${String(command.name)}`;
    if (seen.has(key)) errors.add(at, 'APPLICATION_COMMANDS_DUPLICATE_NAME', `Application command names must be unique`);
    seen.add(key);
  });
  return errors;
}

/** A REST answer before it is written: status and JSON body (none for 204). */
export interface Answer {
  status: number;
  body?: unknown;
}

/** Discord's plain error body, `{ message, code }`. */
export function refusal(status: number, code: number, message: string): Answer {
  return { status, body: { message, code } };
}

/** The refusal of a message body that Discord would refuse, or undefined when it is fine. */
export function messageRefusal(body: MessageBody): Answer | undefined {
  const errors = messageErrors(body);
  if (!errors.empty) return { status: 400, body: errors.body() };
  if (isEmptyMessage(body)) return refusal(400, RESTJSONErrorCodes.CannotSendAnEmptyMessage, 'Cannot send an empty message');
  return undefined;
}
