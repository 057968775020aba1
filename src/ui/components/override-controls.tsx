// Pin or shift a coin's price from now on, or clear its overrides (POST/DELETE /__nx/market/{symbol}).
import { useState } from 'preact/hooks';
import { send } from '../api.js';

export function OverrideControls({ symbol, onDone }: { symbol: string; onDone(): void }) {
  const [pin, setPin] = useState('');
  const [shift, setShift] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const act = async (method: 'POST' | 'DELETE', body?: unknown) => {
    try {
      setError(undefined);
      await send(method, `/market/${encodeURIComponent(symbol)}`, body);
      onDone();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <div class="overrides">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act('POST', { pin: Number(pin) });
        }}
      >
        <label>
          Pin {symbol} at (USD) <input type="number" step="any" min="0" required value={pin} onInput={(e) => setPin(e.currentTarget.value)} />
        </label>
        <button type="submit">Pin</button>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void act('POST', { shiftPercent: Number(shift) });
        }}
      >
        <label>
          Shift {symbol} by (%) <input type="number" step="any" required value={shift} onInput={(e) => setShift(e.currentTarget.value)} />
        </label>
        <button type="submit">Shift</button>
      </form>
      <button type="button" onClick={() => void act('DELETE')}>
        Clear {symbol} overrides
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
