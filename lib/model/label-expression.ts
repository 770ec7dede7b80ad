import { z } from 'zod';
import { explain } from './validate';
import type { Labels } from './selector';

// A label expression: the boolean tests over labels that a Kubernetes label selector cannot say
// (Calico's `||`, a negated group, the string operators). Readers put one in a selector's
// `expression` so the analysis evaluates it exactly; no dialect renders it, so synthesis refuses it.

/** A test over one object's labels. A test on a key fails when the key is absent, except `notIn` and `!=`, which hold. */
export type LabelExpression =
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  | { readonly kind: 'has'; readonly key: string }
  | { readonly kind: 'compare'; readonly key: string; readonly operator: LabelCompareOperator; readonly value: string }
  | { readonly kind: 'in' | 'notIn'; readonly key: string; readonly values: readonly string[] }
  | { readonly kind: 'not'; readonly operand: LabelExpression }
  | { readonly kind: 'and' | 'or'; readonly operands: readonly LabelExpression[] };

/** How `compare` tests a label's value against its own. */
export type LabelCompareOperator = '==' | '!=' | 'contains' | 'startsWith' | 'endsWith';

/** @internal The schema of a LabelExpression, recursive: a selector checks its `expression` with labelExpressionFieldSchema. */
export const labelExpressionSchema: z.ZodType<LabelExpression> = z.lazy(() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.enum(['all', 'none']) }),
    z.strictObject({ kind: z.literal('has'), key: z.string() }),
    z.strictObject({ kind: z.literal('compare'), key: z.string(), operator: z.enum(['==', '!=', 'contains', 'startsWith', 'endsWith']), value: z.string() }),
    z.strictObject({ kind: z.enum(['in', 'notIn']), key: z.string(), values: z.array(z.string()) }),
    z.strictObject({ kind: z.literal('not'), operand: labelExpressionSchema }),
    z.strictObject({ kind: z.enum(['and', 'or']), operands: z.array(labelExpressionSchema).min(1) }),
  ]),
);

/**
 * @internal A selector's `expression` field: labelExpressionSchema run as a parse of its own, its
 * issues passed on under the field. A recursive schema (z.lazy) makes zod 4.6 keep a cycle memo, a
 * WeakMap per object, in every schema containing it, for every parse: inside the selector it made
 * each selector, peer, rule and policy parse pay that, expression or not (bench/, P2).
 */
export const labelExpressionFieldSchema = z.custom<LabelExpression>().superRefine((value, ctx) => {
  if (labelExpressionSchema.safeParse(value).success) return;
  for (const { path, message } of explain(labelExpressionSchema, value)) ctx.addIssue({ code: 'custom', path: path as (string | number)[], message });
});

/** Whether labels satisfy an expression. */
export function expressionMatches(expression: LabelExpression, labels: Labels): boolean {
  const value = 'key' in expression && Object.prototype.hasOwnProperty.call(labels, expression.key) ? labels[expression.key] : undefined;
  switch (expression.kind) {
    case 'all': return true;
    case 'none': return false;
    case 'has': return value !== undefined;
    case 'in': return value !== undefined && expression.values.includes(value);
    case 'notIn': return value === undefined || !expression.values.includes(value);
    case 'not': return !expressionMatches(expression.operand, labels);
    case 'and': return expression.operands.every((operand) => expressionMatches(operand, labels));
    case 'or': return expression.operands.some((operand) => expressionMatches(operand, labels));
    case 'compare':
      if (expression.operator === '!=') return value !== expression.value;
      if (value === undefined) return false;
      switch (expression.operator) {
        case '==': return value === expression.value;
        case 'contains': return value.includes(expression.value);
        case 'startsWith': return value.startsWith(expression.value);
        case 'endsWith': return value.endsWith(expression.value);
      }
  }
}

/** The label keys an expression tests. */
export function expressionKeys(expression: LabelExpression): string[] {
  if ('key' in expression) return [expression.key];
  if (expression.kind === 'not') return expressionKeys(expression.operand);
  if (expression.kind === 'and' || expression.kind === 'or') return expression.operands.flatMap(expressionKeys);
  return [];
}
