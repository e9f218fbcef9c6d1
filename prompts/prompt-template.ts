/** A versioned prompt: `{name}` placeholders, each declared in `inputVariables`. */
export interface PromptTemplate<Variable extends string = string> {
  readonly id: string;
  readonly version: string;
  readonly inputVariables: readonly Variable[];
  readonly template: string;
  /** `id@version`, as recorded with what the prompt produced. */
  readonly ref: string;
  format(values: Record<Variable, string>): string;
}

export class PromptVariableError extends Error {
  constructor(promptId: string, message: string) {
    super(`prompt ${promptId}: ${message}`);
    this.name = 'PromptVariableError';
  }
}

const placeholder = /\{([a-zA-Z][a-zA-Z0-9_]*)\}/g;

/**
 * Defines a prompt and checks at load time that its placeholders and declared variables agree, so a
 * typo fails when the module loads rather than silently leaving `{name}` in a prompt.
 */
export function definePrompt<const Variable extends string>(definition: {
  id: string;
  version: string;
  inputVariables: readonly Variable[];
  template: string;
}): PromptTemplate<Variable> {
  const used = new Set([...definition.template.matchAll(placeholder)].map((match) => match[1] ?? ''));
  for (const name of used) {
    if (!definition.inputVariables.includes(name as Variable)) {
      throw new PromptVariableError(definition.id, `placeholder {${name}} is not declared in inputVariables`);
    }
  }
  for (const name of definition.inputVariables) {
    if (!used.has(name)) throw new PromptVariableError(definition.id, `variable ${name} is never used`);
  }
  return {
    id: definition.id,
    version: definition.version,
    inputVariables: definition.inputVariables,
    template: definition.template,
    ref: `${definition.id}@${definition.version}`,
    format(values) {
      return definition.template.replace(placeholder, (_whole, name: string) => {
        const value = (values as Record<string, string | undefined>)[name];
        if (value === undefined) throw new PromptVariableError(definition.id, `missing value for {${name}}`);
        return value;
      });
    },
  };
}
