import { describe, expect, it } from 'vitest';
import { boilerplateStart } from '../../../ingest/extract/boilerplate.ts';

describe('boilerplateStart: the "About <Company>" section of a press release', () => {
  it('starts at the heading line, however it is decorated', () => {
    for (const heading of [
      '[ About SIGMA Corporation ]',
      '## About Acme Polymers',
      '**About KR New Materials Co., Ltd.**',
      'About Nordic Resin AG:',
      'About the Company',
    ]) {
      const text = `Title\n\nThe resin is used in pipes.\n\n${heading}\nAcme makes lenses, filters and cameras.\n`;
      expect(text.slice(boilerplateStart(text)), heading).toBe(
        `${heading}\nAcme makes lenses, filters and cameras.\n`,
      );
    }
  });

  it('is the end of the text when there is none: a sentence that starts with "About" is no heading', () => {
    for (const text of [
      'Title\n\nAbout 30% of the output goes to tyres.\nMore text.',
      'About Acme: a title line\n\nBody.',
      'Title\n\nThe body mentions About Acme Inc. inside a sentence that goes on and on.',
    ]) {
      expect(boilerplateStart(text), text).toBe(text.length);
    }
  });
});
