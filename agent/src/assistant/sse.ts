/**
 * Server-sent events as both model APIs stream them: `event:` and `data:`
 * lines, events separated by a blank line, `:` comments ignored.
 */

/** One server-sent event: its `event:` name (`message` when absent) and its `data:` lines joined by `\n`. */
export interface ServerSentEvent {
  event: string;
  data: string;
}

/**
 * The events of a `text/event-stream` body, in order, as they arrive.
 * Accepts `\n`, `\r\n` and `\r` line ends and data split across chunks anywhere.
 */
export async function* readServerSentEvents(body: AsyncIterable<Uint8Array>): AsyncGenerator<ServerSentEvent> {
  const decoder = new TextDecoder();
  let buffer = '';
  let event = '';
  let data: string[] = [];
  const lines = function* (final: boolean): Generator<string> {
    for (;;) {
      const end = buffer.search(/\r\n|\r|\n/);
      // A lone `\r` at the end of a chunk may be the first half of `\r\n`.
      if (end < 0 || (!final && end === buffer.length - 1 && buffer[end] === '\r')) return;
      const line = buffer.slice(0, end);
      buffer = buffer.slice(buffer.startsWith('\r\n', end) ? end + 2 : end + 1);
      yield line;
    }
  };
  const take = (line: string): ServerSentEvent | undefined => {
    if (line === '') {
      const complete = data.length > 0 ? { event: event || 'message', data: data.join('\n') } : undefined;
      event = '';
      data = [];
      return complete;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    return undefined;
  };
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    for (const line of lines(false)) {
      const complete = take(line);
      if (complete) yield complete;
    }
  }
  buffer += decoder.decode();
  for (const line of [...lines(true), buffer, '']) {
    const complete = take(line);
    if (complete) yield complete;
  }
}
