import { z } from 'zod';
import { SelectorInput } from './selector';

// The shapes of what users hand to factories and constructs (labels or a selector, namespaces as
// names or a selection): checked where they are given, so a wrong type is named there rather than
// misread; their contents are validated by the intent model, once.

function isObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value checked here only for its shape, with a message that says what it should be. */
export function shaped<T>(what: string, test: (value: unknown) => boolean = isObject) {
  return z.custom<T>(test, { error: (issue) => (issue.input === undefined ? `required: give ${what}` : `expected ${what}`) });
}

/** Labels ({ app: 'web' }) or a selector. */
export const selectorInputSchema = shaped<SelectorInput>('labels ({ app: "web" }) or a selector ({ matchLabels, matchExpressions })');

/** Namespaces: a list of names, 'all', `{ names }` or `{ selector }` (labels or a selector). */
export const namespacesInputSchema = z.union([
  z.literal('all'),
  z.array(z.string()).readonly(),
  z.strictObject({ names: z.array(z.string()) }),
  z.strictObject({ selector: selectorInputSchema }),
]);

/** A list of CIDRs or names (the model checks each). */
export const stringsSchema = z.array(z.string()).readonly();
