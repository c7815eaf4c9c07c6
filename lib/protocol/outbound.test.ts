import { describe, expect, it } from 'vitest';
import { commandFrame, errorFrame, ErrorCode, shareVitalsOutFrame, type ShareVitalsFrame } from './index.js';
import { parsed, refusal } from '@lifestone/test-kit/protocol';

describe('frames to the plugin', () => {
  it('errorFrame carries the refusal and the trace id', () => {
    const error = refusal({ type: 'chat', character_name: 'Thorn', channel: 'Local' });
    expect(errorFrame(error, '4f2a9c0e1b7d3a55')).toStrictEqual({
      type: 'error',
      code: ErrorCode.INVALID_FRAME,
      message: 'invalid chat frame: text: required',
      ref: { type: 'chat', character_name: 'Thorn' },
      details: [{ path: 'text', message: 'required' }],
      trace_id: '4f2a9c0e1b7d3a55',
    });
  });

  it('commandFrame passes the command through', () => {
    expect(commandFrame('/radar start')).toStrictEqual({ type: 'command', command: '/radar start' });
  });

  it('shareVitalsOutFrame relays the vitals as the sender sent them, in JSON-ready form', () => {
    const frame = parsed({
      type: 'share_vitals',
      character_name: 'Thorn',
      timestamp: '2024-05-01T11:59:58.500Z',
      session_id: 7,
      group: 'Fellows of Arwic',
      health_pct: '50',
      stamina_pct: 75,
      mana_pct: 25,
      health_current: 150,
      health_max: 300,
      plugin_version: '2.1.0',
    }) as ShareVitalsFrame;
    expect(shareVitalsOutFrame(frame)).toStrictEqual({
      type: 'share_vitals',
      character_name: 'Thorn',
      timestamp: '2024-05-01T11:59:58.500Z',
      session_id: '7',
      group: 'Fellows of Arwic',
      health_pct: 50,
      stamina_pct: 75,
      mana_pct: 25,
      vitae_pct: null,
      health_current: 150,
      health_max: 300,
      stamina_current: null,
      stamina_max: null,
      mana_current: null,
      mana_max: null,
    });
  });

  it('a relayed share_vitals frame parses back to the same vitals', () => {
    const frame = parsed({ type: 'share_vitals', character_name: 'Thorn', group: 'Arwic', health_pct: 1, stamina_pct: 2, mana_pct: 3 }) as ShareVitalsFrame;
    expect(parsed(shareVitalsOutFrame(frame))).toStrictEqual(frame);
  });
});
