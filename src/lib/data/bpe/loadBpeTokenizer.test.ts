import { afterEach, describe, expect, it, vi } from 'vitest';
import { bpeTokenizerFile, loadBpeTokenizer } from '../corpora';
import { trainBpe } from './trainBpe';
import { tokenizerJsonText } from './writeTokenizerJson';

const FILE_TEXT = tokenizerJsonText(trainBpe('the cat the hat', { vocabSize: 20 }));

describe('loadBpeTokenizer', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('names the file by corpus and vocabulary size', () => {
    expect(bpeTokenizerFile('moby-dick')).toBe('moby-dick.bpe512.tokenizer.json');
    expect(bpeTokenizerFile('sotu', 1024)).toBe('sotu.bpe1024.tokenizer.json');
  });

  it('fetches data/<file> relative to the base URL and reads it', async () => {
    const fetchMock = vi.fn(async () => new Response(FILE_TEXT, { headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchMock);
    const tokenizer = await loadBpeTokenizer('moby-dick', 'https://lab.example/app/');
    expect(String((fetchMock.mock.calls[0] as unknown[])[0])).toBe(
      'https://lab.example/app/data/moby-dick.bpe512.tokenizer.json',
    );
    expect(tokenizer.tokenize('the hat')).toEqual(['the', ' hat']);
  });

  it('tells the user to run `npm run data` when the file is missing, and names a damaged one', async () => {
    vi.stubGlobal('fetch', async () => new Response('not found', { status: 404, statusText: 'Not Found' }));
    await expect(loadBpeTokenizer('sotu', 'https://lab.example/')).rejects.toThrow(/BPE vocabulary.*404.*npm run data/);
    vi.stubGlobal('fetch', async () => new Response(FILE_TEXT.slice(0, 300)));
    await expect(loadBpeTokenizer('sotu', 'https://lab.example/')).rejects.toThrow(
      /https:\/\/lab\.example\/data\/sotu\.bpe512\.tokenizer\.json is not valid JSON/,
    );
  });
});
