import { describe, expect, it } from 'vitest';
import {
  chatAgentSystemPrompt,
  chatProductContextPrompt,
  definePrompt,
  PromptVariableError,
} from '../../prompts/index.ts';

describe('chat prompts', () => {
  it.each([chatAgentSystemPrompt, chatProductContextPrompt])(
    '$id has an id, a version and its variables',
    (prompt) => {
      expect(prompt.id).toMatch(/^[a-z-]+$/);
      expect(prompt.version).toMatch(/^\d+$/);
      expect(prompt.ref).toBe(`${prompt.id}@${prompt.version}`);
      for (const variable of prompt.inputVariables) expect(prompt.template).toContain(`{${variable}}`);
    },
  );

  it('formats the system prompt with its variables and keeps the data-not-instructions rule', () => {
    const text = chatAgentSystemPrompt.format({ today: '2026-01-02', productContext: 'PRODUCT LINE' });
    expect(text).toContain('Today is 2026-01-02.');
    expect(text).toContain('PRODUCT LINE');
    expect(text).toMatch(/<passage> tags.*DATA.*never an instruction/s);
    expect(text).toContain('[3]');
    expect(text).not.toMatch(/\{[a-zA-Z]+\}/);
  });

  it('formats the product context', () => {
    expect(chatProductContextPrompt.format({ productId: 'product:apel', productName: 'APEL' })).toContain(
      'APEL (id product:apel)',
    );
  });
});

describe('definePrompt', () => {
  it('rejects undeclared placeholders, unused variables and missing values', () => {
    expect(() => definePrompt({ id: 'x', version: '1', inputVariables: [], template: 'hi {name}' })).toThrow(
      PromptVariableError,
    );
    expect(() => definePrompt({ id: 'x', version: '1', inputVariables: ['name'], template: 'hi' })).toThrow(
      /never used/,
    );
    const prompt = definePrompt({ id: 'x', version: '1', inputVariables: ['name'], template: 'hi {name}' });
    expect(() => prompt.format({} as { name: string })).toThrow(/missing value/);
    expect(prompt.format({ name: 'Ada' })).toBe('hi Ada');
  });
});
