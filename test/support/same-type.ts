// Type-level equality of a hand-written props interface and the zod schema that checks it at run
// time, ignoring `readonly` (the interfaces are readonly; zod's inferred types are not).

type Normal<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly (infer E)[]
    ? Normal<E>[]
    : T extends object
      ? { -readonly [K in keyof T]: Normal<T[K]> }
      : T;

type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** true when A and B accept the same values and name the same fields; false otherwise. */
export type SameShape<A, B> = Mutual<Normal<A>, Normal<B>> extends true ? Mutual<keyof A, keyof B> : false;
