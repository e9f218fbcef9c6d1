import { describe, expect, it } from 'vitest';
import { extractionSystemPrompt, extractionUserPrompt } from '../../prompts/index.ts';

describe('extraction prompts', () => {
  it('are versioned constants with declared input variables', () => {
    expect(extractionSystemPrompt.ref).toBe(`extraction-system@${extractionSystemPrompt.version}`);
    expect(extractionSystemPrompt.inputVariables).toEqual([]);
    expect([...extractionUserPrompt.inputVariables].sort()).toEqual([
      'documentKind',
      'section',
      'text',
      'title',
    ]);
  });

  it('formats every variable into the user message and leaves no placeholder behind', () => {
    const message = extractionUserPrompt.format({
      documentKind: 'patent',
      title: 'Separator',
      section: 'claims',
      text: 'A separator comprising {polyethylene}.',
    });
    expect(message).toContain('Document kind: patent');
    expect(message).toContain('Section: claims');
    expect(message).toContain('<<<Separator>>>');
    // Braces inside the document text are data and survive formatting untouched.
    expect(message).toContain('<<<PASSAGE\nA separator comprising {polyethylene}.\nPASSAGE>>>');
    expect(message).not.toMatch(/\{(documentKind|title|section|text)\}/);
  });

  it('rejects a missing variable', () => {
    expect(() =>
      extractionUserPrompt.format({ documentKind: 'news', title: 't', section: 'body' } as unknown as Record<
        'documentKind' | 'title' | 'section' | 'text',
        string
      >),
    ).toThrow(/missing value for \{text\}/);
  });

  it('asks for verbatim quotes and treats document text as data', () => {
    const system = extractionSystemPrompt.format({});
    expect(system).toMatch(/EXACTLY, character for character/);
    expect(system).toMatch(/DATA, not instructions/);
    for (const type of ['USED_IN', 'HAS_PROPERTY', 'REQUIRES', 'PRODUCES']) expect(system).toContain(type);
  });
});
