// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mountWindow, settle, stubGraph, type GraphCall } from '../components/test-support';
import { useSelectionStore } from '../selection/selection';
import CommandWindow from './CommandWindow.vue';

describe('the Command window', () => {
  let calls: GraphCall[];
  beforeEach(() => {
    calls = stubGraph({
      PickerCharacters: () => ({ characters: [{ name: 'Belsandre', online: true }, { name: 'Cadna', online: false }] }),
      SendCommand: ({ character }) => (character === 'Cadna' ? { error: { message: 'Operators and admins only', code: 'FORBIDDEN' } } : { sendCommand: true }),
    });
  });
  afterEach(() => vi.unstubAllGlobals());

  async function open() {
    return mountWindow(CommandWindow, () => {
      useSelectionStore().select('Belsandre');
    });
  }
  const sent = () => calls.filter((call) => call.operation === 'SendCommand').map((call) => call.variables);

  it('sends the command to the selected character and shows that the plugin connection has it', async () => {
    const wrapper = await open();
    await wrapper.get('[data-command-input]').setValue(' /radar start ');
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(sent()).toEqual([{ character: 'Belsandre', command: '/radar start' }]);
    const result = wrapper.get('[data-command-result]');
    expect(result.attributes('data-command-status')).toBe('sent');
    expect(result.text()).toBe("✓ /radar start handed to Belsandre's plugin connection.");
    expect((wrapper.get('[data-command-input]').element as HTMLInputElement).value).toBe('');
    wrapper.unmount();
  });

  it('shows the graph’s error with its code, and keeps a log of every command, newest first', async () => {
    const wrapper = await open();
    await wrapper.get('[data-command-input]').setValue('/radar start');
    await wrapper.get('form').trigger('submit');
    await settle();
    await wrapper.get('[data-character-picker]').setValue('Cadna');
    await wrapper.get('[data-command-input]').setValue('/vt start');
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(sent()).toEqual([
      { character: 'Belsandre', command: '/radar start' },
      { character: 'Cadna', command: '/vt start' },
    ]);
    const result = wrapper.get('[data-command-result]');
    expect(result.attributes('data-command-status')).toBe('failed');
    expect(result.text()).toBe('✗ Operators and admins only.');
    expect((wrapper.get('[data-command-input]').element as HTMLInputElement).value).toBe('/vt start');
    expect(wrapper.findAll('[data-command-entry]').map((entry) => [entry.get('.who').text(), entry.get('code').text(), entry.attributes('data-command-status')])).toEqual([
      ['Cadna', '/vt start', 'failed'],
      ['Belsandre', '/radar start', 'sent'],
    ]);
    wrapper.unmount();
  });

  it('explains a command the graph would refuse without sending it', async () => {
    const wrapper = await open();
    await wrapper.get('[data-command-input]').setValue('radar start');
    await wrapper.get('form').trigger('submit');
    await settle();
    expect(wrapper.get('[data-command-problem]').text()).toBe('A game command starts with /, e.g. /radar start.');
    expect(sent()).toEqual([]);
    wrapper.unmount();
  });
});
