// Business failures raised by the engine. The HTTP layer maps `status` straight onto the response
// and copies `code`, `message` and `details` into the error body, so messages say how to fix things.

export type EngineErrorCode =
  | 'unknown_symbol'
  | 'invalid_quantity'
  | 'invalid_price'
  | 'invalid_limit'
  | 'invalid_client_order_id'
  | 'invalid_cursor'
  | 'invalid_request'
  | 'insufficient_funds'
  | 'insufficient_position'
  | 'position_limit_exceeded'
  | 'daily_loss_limit_reached'
  | 'idempotency_conflict'
  | 'order_not_found'
  | 'order_not_modifiable'
  | 'agent_not_found';

/** HTTP status per code: 400 bad input, 422 valid input the account can't honour, 403 risk
 * controls, 409 state conflicts, 404 unknown (or not-yours) resources. */
export const ENGINE_ERROR_STATUS: Readonly<Record<EngineErrorCode, number>> = Object.freeze({
  unknown_symbol: 400,
  invalid_quantity: 400,
  invalid_price: 400,
  invalid_limit: 400,
  invalid_client_order_id: 400,
  invalid_cursor: 400,
  invalid_request: 400,
  insufficient_funds: 422,
  insufficient_position: 422,
  position_limit_exceeded: 403,
  daily_loss_limit_reached: 403,
  idempotency_conflict: 409,
  order_not_modifiable: 409,
  order_not_found: 404,
  agent_not_found: 404,
});

export type EngineErrorDetails = Readonly<Record<string, unknown>>;

export class EngineError extends Error {
  override readonly name = 'EngineError';
  readonly code: EngineErrorCode;
  readonly status: number;
  readonly details: EngineErrorDetails | undefined;

  constructor(code: EngineErrorCode, message: string, details?: EngineErrorDetails) {
    super(message);
    this.code = code;
    this.status = ENGINE_ERROR_STATUS[code];
    this.details = details;
  }
}

export function isEngineError(value: unknown): value is EngineError {
  return value instanceof EngineError;
}
