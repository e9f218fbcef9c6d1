/** Domain model types and zod schemas (design.md section 3). */
export * from './model.ts';
