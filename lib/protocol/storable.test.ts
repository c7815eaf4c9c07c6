import { describe, expect, it } from 'vitest';
import { ErrorCode, MAX_NESTING, parseFrameObject, type ChatFrame } from './index.js';
import { textIsStorable } from './storable.js';
import { parsed, receivedAt, refusal } from '@lifestone/test-kit/protocol';

const chat = (fields: Record<string, unknown>) => ({ type: 'chat', character_name: 'Thorn', channel: 'General', text: 'hi', ...fields });
/** Chat frame text with `json` as the value of an unknown field, written as is. */
const chatText = (json: string) => `{"type":"chat","character_name":"Thorn","channel":"General","text":"hi","junk":${json}}`;

describe('textIsStorable, the check of the JSON text that spares looking into every string', () => {
  it.each([
    ['plain ASCII', '{"a":"b"}', true],
    ['emoji and other characters as they are', '{"a":"🦄 ünï 日本"}', true],
    ['any \\u escape, even a harmless one', '{"a":"\\u00e9"}', false],
    ['an escaped backslash before a u', '{"a":"C:\\\\users"}', false],
    ['a raw lone surrogate', '{"a":"\ud800"}', false],
  ])('%s: %s', (_name, json, storable) => {
    expect(textIsStorable(json)).toBe(storable);
  });
});

describe('what cannot be stored is refused, from JSON text or from a parsed value', () => {
  // Each is refused whether the text takes the fast path or not: as JSON text, and as the value it parses to.
  it.each([
    ['an escaped NUL', chatText('"a\\u0000b"'), 'junk', 'the text contains U+0000 (NUL), which cannot be stored: remove it'],
    ['an escaped lone surrogate', chatText('"a\\ud800b"'), 'junk', 'the text contains a lone UTF-16 surrogate (an unpaired \\uD800-\\uDFFF), which is not Unicode and cannot be stored'],
    ['a raw lone surrogate', chatText('"a\udc00b"'), 'junk', 'the text contains a lone UTF-16 surrogate (an unpaired \\uD800-\\uDFFF), which is not Unicode and cannot be stored'],
    ['an escaped NUL in a key', chatText('{"a\\u0000":1}'), 'junk.a\u0000', 'the key contains U+0000 (NUL), which cannot be stored: remove it'],
    ['a number JSON reads as infinite', chatText('[1, -1e400]'), 'junk.1', 'a number too large to store (JSON read it as infinite)'],
    ['a nested __proto__ key', chatText('{"__proto__":{"polluted":true}}'), 'junk.__proto__', 'a key named "__proto__" inside a nested object cannot be kept: rename it'],
    ['an escaped nested __proto__ key', chatText('{"\\u005f_proto__":1}'), 'junk.__proto__', 'a key named "__proto__" inside a nested object cannot be kept: rename it'],
  ])('%s', (_name, text, path, message) => {
    const expected = { code: ErrorCode.INVALID_FRAME, message: `invalid chat frame: ${path}: ${message}`, ref: { type: 'chat', character_name: 'Thorn' }, details: [{ path, message }] };
    expect(refusal(text)).toStrictEqual(expected);
    expect(parseFrameObject(JSON.parse(text), receivedAt)).toStrictEqual({ ok: false, error: expected });
  });

  it(`refuses nesting past ${MAX_NESTING} levels as FRAME_TOO_COMPLEX, and keeps ${MAX_NESTING} levels as sent`, () => {
    const nested = (depth: number) => `${'['.repeat(depth)}0${']'.repeat(depth)}`;
    // The frame is the first level, the unknown field's lists the next: the path names the list one level too deep.
    expect(refusal(chatText(nested(MAX_NESTING)))).toMatchObject({ code: ErrorCode.FRAME_TOO_COMPLEX, details: [{ path: `junk${'.0'.repeat(MAX_NESTING - 1)}` }] });
    expect(parsed(chatText(nested(MAX_NESTING - 1))).extra).toStrictEqual({ junk: JSON.parse(nested(MAX_NESTING - 1)) });
  });

  it('keeps escaped text that is Unicode exactly as sent', () => {
    expect(parsed(chatText('"\\ud83e\\udd84 \\u00e9 C:\\\\users"')).extra).toStrictEqual({ junk: '🦄 é C:\\users' });
    expect((parsed(chat({ text: '\uFEFF\u202E\uFFFF' })) as ChatFrame).text).toBe('\uFEFF\u202E\uFFFF');
  });
});
