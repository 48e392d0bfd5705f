/**
 * A reason the server cannot start that the operator can fix (a taken or unwritable
 * DATA_DIR, a full disk): `main.ts` prints its message as one line, without a stack.
 */
export class StartupError extends Error {}
