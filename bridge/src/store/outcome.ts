/** What one item of a batch came to: its value, or the error that refused or failed it. */
export type Outcome<O> = { ok: true; value: O } | { ok: false; error: unknown }

export const ok = <O>(value: O): Outcome<O> => ({ ok: true, value })
export const failed = <O>(error: unknown): Outcome<O> => ({ ok: false, error })
