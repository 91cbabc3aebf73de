/**
 * Initial values for number fields that later hold fractions.
 *
 * V8 gives an object field the representation of the first value stored in it: 0 or 1 written as
 * literals are small integers, and the first fraction stored later changes the object's hidden
 * class, which throws away (deoptimises) every optimised function that relied on the old one.
 * When a run's objects die, the garbage collector also drops the updated class, so the next run's
 * objects start again from integers and the same happens again, run after run of a Monte Carlo
 * study. These two constants are evaluated once at load time, where V8 keeps the result of a
 * floating-point subtraction as a heap double, so a field initialised from them is a double field
 * from its first store. Their values are exactly 0 and 1; nothing reads them otherwise.
 */

/** Exactly 0, held by V8 as a double (see above). */
export const F64_ZERO: number = Number.parseFloat("0.5") - 0.5;
/** Exactly 1, held by V8 as a double (see above). */
export const F64_ONE: number = Number.parseFloat("1.5") - 0.5;
