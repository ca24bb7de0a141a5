/** Calls one tRPC request may batch; the server refuses longer batches and the web client never sends one. */
export const MAX_BATCH_CALLS = 20;
