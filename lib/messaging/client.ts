import { createSender } from './create-sender';
import { PROTOCOL } from './protocol';

/** Extension pages' `send()`: any command of the protocol table, its answer validated. */
export const send = createSender(PROTOCOL);
