import { describe, expect, it } from 'vitest';
import { readLiveInputName } from './readLiveInputName';

const post = (body: string) => new Request('http://demo.test/api/live-inputs', { method: 'POST', body });

describe('readLiveInputName', () => {
  it('reads and trims the name', async () => {
    expect(await readLiveInputName(post('{"name": "  Morning show "}'))).toBe('Morning show');
  });

  it('accepts an empty body or a body without a name', async () => {
    expect(await readLiveInputName(post(''))).toBe('');
    expect(await readLiveInputName(post('{}'))).toBe('');
  });

  it.each([['not json'], ['[]'], ['null'], ['{"name": 5}'], [JSON.stringify({ name: 'x'.repeat(101) })]])(
    'rejects %s',
    async (body) => {
      expect(await readLiveInputName(post(body))).toBeNull();
    },
  );
});
