import { describe, expect, it } from 'vitest';
import { countCodePoints, foldTypographicPunctuation, normalizeText } from './normalizeText';

describe('normalizeText', () => {
  it('unifies line endings, drops control bytes and trailing blanks, and collapses blank-line runs', () => {
    const raw = '\ufeffCHAPTER 1.\r\n\r\n\r\n\r\nCall me\u0002 Ishmael.  \rSome years ago\n\n\n\n\n\nEnd.\t\n\n';
    expect(normalizeText(raw)).toBe('CHAPTER 1.\n\nCall me Ishmael.\nSome years ago\n\nEnd.\n');
  });

  it('leaves words, punctuation and single blank lines alone', () => {
    const text = 'It was the Pequod’s—“Ahab’s”—voyage.\n\n\tIndented line.\n';
    expect(normalizeText(text)).toBe(text);
  });
});

describe('foldTypographicPunctuation', () => {
  it('writes quotes and dashes in ASCII', () => {
    expect(foldTypographicPunctuation('“It’s ‘so’—1950–1960 non‑stop”')).toBe("\"It's 'so'--1950-1960 non-stop\"");
  });
});

describe('countCodePoints', () => {
  it('counts a surrogate pair once and a lone surrogate once', () => {
    expect(countCodePoints('a\u{1F40B}b')).toBe(3);
    expect(countCodePoints('\ud800x\udc00')).toBe(3);
    expect(countCodePoints('')).toBe(0);
  });
});
