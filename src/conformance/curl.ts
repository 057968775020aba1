// What a check's exchange records for its reproduction, beyond what was sent: how it was signed
// when not canonically, and what created the resource it used up. evidence.ts turns it into the
// shared curl script (src/curl-script.ts).
import type { Exchange } from '../client/agent-client.js';
import type { SigningRecipe } from '../curl-script.js';

export type { SigningRecipe } from '../curl-script.js';

/** The request that created the resource an exchange used up, and where its id is in the answer. */
export interface Prelude {
  exchange: Exchange;
  /** The id the exchange used (replaced by the new one in the script). */
  id: string;
  /** The JSON member holding the id in the prelude's answer ('id', 'orderId'). */
  field: string;
}

export type RecordedExchange = Exchange & { signing?: SigningRecipe; prelude?: Prelude };

const pathOf = (url: string): string => new URL(url).pathname.replace(/^.*?\/v1\/agent/, '');

/** How the exchange was signed when not canonically: the check's recipe, else what the client signed. */
export function recipeOf(exchange: RecordedExchange): SigningRecipe | undefined {
  const fromClient = exchange.request.signed;
  const own = fromClient && (fromClient.path !== pathOf(exchange.request.url) || fromClient.body !== exchange.request.body) ? { path: fromClient.path, body: fromClient.body } : undefined;
  return exchange.signing ?? own;
}
