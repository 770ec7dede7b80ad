/**
 * @internal Whether two types are the same. The model's public types are written out by hand, so
 * that the published .d.ts files never import zod (whose own types need `esModuleInterop`); each
 * schema file proves with this that its schema's output is exactly the public type.
 */
export type SameType<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
