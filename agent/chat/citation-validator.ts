import type { Citation } from '../../graph/index.ts';
import type { CitationRegistry } from './citation-registry.ts';

/** A citation group such as `[3]`, `[1, 4]` or `[2-3]`, with the horizontal space before it. */
const markerGroup = /[ \t]*\[(\d{1,4}(?:\s*[-–,;]\s*\d{1,4})*)\]/g;
/** What may be the unfinished start of a marker at the end of a streamed piece. */
const unfinishedMarker = /[ \t]*(?:\[[\d\s,;\-–]{0,24})?$/;
const maxRangeExpansion = 20;

export interface ValidatedAnswer {
  /** The text with unknown markers removed (a group keeps its known numbers). */
  answer: string;
  /** Citations of the markers left in the text, in order of first use. */
  citations: Citation[];
  /** Each unknown marker as it was written, e.g. `[7]`, in order of appearance, without repeats. */
  removedMarkers: string[];
}

function numbersOf(group: string): number[] {
  const numbers: number[] = [];
  for (const part of group.split(/[,;]/)) {
    const range = part.trim().match(/^(\d+)\s*[-–]\s*(\d+)$/);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (to >= from && to - from < maxRangeExpansion) {
        for (let n = from; n <= to; n += 1) numbers.push(n);
        continue;
      }
    }
    const single = Number(part.trim());
    if (Number.isInteger(single)) numbers.push(single);
  }
  return numbers;
}

/** Rewrites the citation markers of `text`, keeping only numbers that `isKnown`. */
function rewriteMarkers(
  text: string,
  isKnown: (n: number) => boolean,
  used: (n: number) => void,
  removed: (n: number) => void,
): string {
  return text.replace(markerGroup, (whole, group: string) => {
    const space = whole.slice(0, whole.indexOf('['));
    const numbers = numbersOf(group);
    const kept = numbers.filter((n) => isKnown(n));
    for (const n of numbers) {
      if (isKnown(n)) used(n);
      else removed(n);
    }
    if (kept.length === 0) return '';
    return `${space}${kept.map((n) => `[${n}]`).join('')}`;
  });
}

/**
 * Keeps the `[n]` markers that map to a span returned in this turn, removes the others from the text and
 * reports them; the citations carry the registry's quote, which equals `document.text.slice(start, end)`.
 */
export function validateCitations(answer: string, registry: CitationRegistry): ValidatedAnswer {
  const filter = new CitationMarkerFilter(registry);
  const text = filter.push(answer) + filter.flush();
  return { answer: text, citations: filter.citations(), removedMarkers: filter.removedMarkers() };
}

/**
 * The streaming form of validateCitations: text goes in piece by piece, and what comes out has unknown
 * markers removed. A piece that ends inside a possible marker is held back until the marker is complete.
 */
export class CitationMarkerFilter {
  private readonly registry: CitationRegistry;
  private pending = '';
  private readonly used: number[] = [];
  private readonly removed: number[] = [];

  constructor(registry: CitationRegistry) {
    this.registry = registry;
  }

  /** Returns the part of the text seen so far that can be emitted. */
  push(delta: string): string {
    this.pending += delta;
    const tail = this.pending.match(unfinishedMarker)?.[0] ?? '';
    const ready = this.pending.slice(0, this.pending.length - tail.length);
    this.pending = tail;
    return this.rewrite(ready);
  }

  /** Emits whatever is held back (the text is complete). */
  flush(): string {
    const rest = this.pending;
    this.pending = '';
    return this.rewrite(rest);
  }

  citations(): Citation[] {
    return this.used.flatMap((n) => this.registry.get(n) ?? []);
  }

  removedMarkers(): string[] {
    return this.removed.map((n) => `[${n}]`);
  }

  private rewrite(text: string): string {
    if (!text) return '';
    return rewriteMarkers(
      text,
      (n) => this.registry.has(n),
      (n) => {
        if (!this.used.includes(n)) this.used.push(n);
      },
      (n) => {
        if (!this.removed.includes(n)) this.removed.push(n);
      },
    );
  }
}
