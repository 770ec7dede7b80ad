import { NetpolError } from '../model/errors';

/** Input that cannot be carried over exactly (a field the reader does not analyse, say): exit 3, never a dropped rule. */
export class NotExact extends NetpolError {
  override readonly name = 'NotExact';
}

/** A conversion whose output does not mean what its input does: nothing is written, exit 1. */
export class NotEquivalent extends NetpolError {
  override readonly name = 'NotEquivalent';
}
