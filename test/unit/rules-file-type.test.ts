/**
 * The rules file's type, written out in src/core/rules.ts for readers and the published types,
 * is what the schema infers (checked by the type check of npm test: `expectTypeOf` fails tsc).
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod/mini';
import type { RuleInFile, RulesFile } from '../../src/core/rules.js';
import type { ruleSchema, rulesFileSchema } from '../../src/core/rules-schema.js';
import { rulesFileSchema as exported } from '../../src/index.js';

describe('the rules file type', () => {
  it('is what the zod schema infers, for the file and for a rule', () => {
    expectTypeOf<RulesFile>().toEqualTypeOf<z.infer<typeof rulesFileSchema>>();
    expectTypeOf<RuleInFile>().toEqualTypeOf<z.infer<typeof ruleSchema>>();
  });

  it('is what the exported schema says a good file is', () => {
    const shape = exported.safeParse({ rules: [{ branches: ['main'], job: 'deploy' }] });
    expectTypeOf(shape).toExtend<{ success: boolean }>();
    if (shape.success) expectTypeOf(shape.data).toEqualTypeOf<RulesFile>();
  });
});
