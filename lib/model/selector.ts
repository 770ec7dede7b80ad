import { z } from 'zod';
import { expressionKeys, expressionMatches, LabelExpression, labelExpressionFieldSchema } from './label-expression';
import { labelKeyProblem, labelValueProblem } from './names';
import { SameType } from './same-type';

/** Label key/value pairs, as in `metadata.labels`. */
export type Labels = Readonly<Record<string, string>>;

const labelKey = z.string().superRefine((key, ctx) => {
  const problem = labelKeyProblem(key);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const labelValue = z.string().superRefine((value, ctx) => {
  const problem = labelValueProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const labelsSchema = z.record(z.string(), labelValue).superRefine((labels, ctx) => {
  for (const key of Object.keys(labels)) {
    const problem = labelKeyProblem(key);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: [key] });
  }
});

/** @internal */
export const expressionSchema = z
  .strictObject({
    /** The label key the expression tests. */
    key: labelKey,
    /** In, NotIn (values required), Exists, DoesNotExist (no values). */
    operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
    /** The values for In and NotIn. */
    values: z.array(labelValue).optional(),
  })
  .superRefine((expression, ctx) => {
    const hasValues = (expression.values?.length ?? 0) > 0;
    if ((expression.operator === 'In' || expression.operator === 'NotIn') && !hasValues) {
      ctx.addIssue({ code: 'custom', path: ['values'], message: `operator ${expression.operator} needs at least one value` });
    }
    if ((expression.operator === 'Exists' || expression.operator === 'DoesNotExist') && expression.values !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['values'], message: `operator ${expression.operator} takes no values: remove them` });
    }
  });

/** @internal A Kubernetes label selector: matchLabels and matchExpressions, all ANDed; `{}` selects everything. */
export const labelSelectorSchema = z.strictObject({
  /** Labels that must all be present with these values. */
  matchLabels: labelsSchema.optional(),
  /** Expressions that must all hold. */
  matchExpressions: z.array(expressionSchema).optional(),
  /** A label expression that must hold too (read from Calico selectors beyond label tests; analysis only, no dialect renders it). */
  expression: labelExpressionFieldSchema.optional(),
});

/** A Kubernetes label selector: matchLabels and matchExpressions, all ANDed; `{}` selects everything. */
export interface LabelSelector {
  /** Labels that must all be present with these values. @default none */
  matchLabels?: Record<string, string>;
  /** Expressions that must all hold. @default none */
  matchExpressions?: SelectorExpression[];
  /** A label expression that must hold too (read from Calico selectors beyond label tests; analysis only, no dialect renders it). @default none */
  expression?: LabelExpression;
}

/** One expression of a label selector. */
export interface SelectorExpression {
  /** The label key the expression tests. */
  key: string;
  /** In, NotIn (values required), Exists, DoesNotExist (no values). */
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  /** The values for In and NotIn. @default none */
  values?: string[];
}

/** @internal */
export const selectorTypesMatchSchemas: [SameType<LabelSelector, z.infer<typeof labelSelectorSchema>>, SameType<SelectorExpression, z.infer<typeof expressionSchema>>] = [true, true];

/** A selector, or plain labels as a shorthand for `{ matchLabels }`. */
export type SelectorInput = LabelSelector | Labels;

/** Turns the `{ app: 'web' }` shorthand into `{ matchLabels: { app: 'web' } }`; a selector passes through. */
export function toSelector(input: SelectorInput): LabelSelector {
  // Label values are strings, so an object or array value can only be a selector field.
  const isSelector = Object.values(input).some((value) => typeof value === 'object' && value !== null);
  if (isSelector || Object.keys(input).length === 0) return input as LabelSelector;
  return { matchLabels: { ...(input as Labels) } };
}

/** Whether a selector matches a set of labels, with Kubernetes semantics (NotIn and DoesNotExist match a missing key). */
export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (labels[key] !== value) return false;
  }
  for (const expression of selector.matchExpressions ?? []) {
    const present = Object.prototype.hasOwnProperty.call(labels, expression.key);
    const inValues = present && (expression.values ?? []).includes(labels[expression.key]);
    switch (expression.operator) {
      case 'In': if (!inValues) return false; break;
      case 'NotIn': if (inValues) return false; break;
      case 'Exists': if (!present) return false; break;
      case 'DoesNotExist': if (present) return false; break;
    }
  }
  return !selector.expression || expressionMatches(selector.expression, labels);
}

/** The label keys a selector tests. */
export function selectorKeys(selector: LabelSelector): string[] {
  return [
    ...Object.keys(selector.matchLabels ?? {}),
    ...(selector.matchExpressions ?? []).map((expression) => expression.key),
    ...(selector.expression ? expressionKeys(selector.expression) : []),
  ];
}

/** Whether a selector is empty, i.e. selects everything in its scope. */
export function selectsEverything(selector: LabelSelector): boolean {
  return selectorKeys(selector).length === 0 && (!selector.expression || selector.expression.kind === 'all');
}

/** The same selector without empty fields, so `{}` stays the readable "everything". */
export function compactSelector(selector: LabelSelector): LabelSelector {
  return {
    ...(selector.matchLabels && Object.keys(selector.matchLabels).length > 0 && { matchLabels: selector.matchLabels }),
    ...(selector.matchExpressions && selector.matchExpressions.length > 0 && { matchExpressions: selector.matchExpressions }),
    ...(selector.expression && { expression: selector.expression }),
  };
}
