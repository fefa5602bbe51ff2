// A problem of the environment or the configuration (a server down, a wrong password, a port taken, a missing
// file): its message is one line naming the problem and the fix, and the CLI prints just that, no stack.
export class OperationalError extends Error {}
