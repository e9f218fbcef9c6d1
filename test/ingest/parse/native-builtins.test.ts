import vm from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { restoreBuiltins, snapshotBuiltins } from '../../../ingest/parse/native-builtins.ts';
import { pdfPatentParser } from '../../../ingest/parse/patent/pdf-patent-parser.ts';
import { bufferSource } from '../../../ingest/sources/file-source.ts';
import { collect } from './parser-contract.ts';
import { buildMinimalPdf } from './patent/minimal-pdf.ts';

// Another realm's toString is not the one a polyfill may have replaced in ours (core-js also patches
// Function.prototype.toString so that its functions claim to be native code).
const sourceOf = vm.runInNewContext('Function.prototype.toString') as (this: unknown) => string;
const isNative = (fn: unknown) => /\{\s*\[native code\]\s*\}$/.test(sourceOf.call(fn));

describe('native built-ins around a polyfilling library', () => {
  const added = Symbol('added by a test');
  const nativePush = Array.prototype.push;

  afterEach(() => {
    Array.prototype.push = nativePush;
    delete (Array.prototype as unknown as Record<symbol, unknown>)[added];
  });

  it('puts back what was replaced and leaves what was added', () => {
    const snapshot = snapshotBuiltins();
    Array.prototype.push = function push(this: unknown[], ...items: unknown[]) {
      return nativePush.apply(this, items);
    };
    Object.defineProperty(Array.prototype, added, { value: () => 1, configurable: true });
    expect(isNative(Array.prototype.push)).toBe(false);

    expect(restoreBuiltins(snapshot)).toEqual(['Array.prototype.push']);
    expect(Array.prototype.push).toBe(nativePush);
    expect(typeof (Array.prototype as unknown as Record<symbol, unknown>)[added]).toBe('function');
    expect(restoreBuiltins(snapshot)).toEqual([]);
  });

  it('leaves push, JSON.parse and Function.prototype.toString native after a PDF is parsed', async () => {
    const pdf = buildMinimalPdf([['A polyimide film for flexible circuits', 'US 7,654,321 B2']]);
    const [outcome] = await collect(
      pdfPatentParser,
      bufferSource('film.pdf', pdf, { fallbackDate: '2010-02-02' }),
    );
    expect(outcome?.ok).toBe(true);
    expect(isNative(Array.prototype.push)).toBe(true);
    expect(isNative(JSON.parse)).toBe(true);
    expect(isNative(Function.prototype.toString)).toBe(true);
    // What pdf.js added where Node 20 has nothing stays for it (Node 22 has its own).
    expect(typeof (Promise as unknown as Record<string, unknown>).withResolvers).toBe('function');
  });
});
