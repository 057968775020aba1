// An agent's orders, newest first; each row opens to show its fills.
import { useState } from 'preact/hooks';
import { money, num, utc } from '../format.js';
import type { AgentOrder } from '../types.js';

export function OrdersTable({ orders }: { orders: AgentOrder[] }) {
  const [open, setOpen] = useState<string | null>(null);
  if (orders.length === 0) return <p class="muted">No orders yet.</p>;
  return (
    <table class="orders" data-testid="orders">
      <thead>
        <tr>
          <th scope="col">Order</th>
          <th scope="col">Side</th>
          <th scope="col">Type</th>
          <th scope="col">Quantity</th>
          <th scope="col">Price</th>
          <th scope="col">Status</th>
          <th scope="col">Filled</th>
          <th scope="col">Created</th>
        </tr>
      </thead>
      {orders.map((o) => (
        <tbody key={o.orderId}>
          <tr data-order-id={o.orderId}>
            <td>
              <button type="button" class="link" aria-expanded={open === o.orderId} onClick={() => setOpen(open === o.orderId ? null : o.orderId)}>
                <code>{o.orderId}</code>
              </button>
            </td>
            <td>
              {o.side} {o.symbol}
            </td>
            <td>{o.type}</td>
            <td>{num(o.quantity)}</td>
            <td>{o.price === null ? 'market' : money(o.price)}</td>
            <td>
              <span class={`badge status-${o.status}`}>{o.status}</span>
            </td>
            <td>
              {num(o.filledQuantity)}
              {o.avgFillPrice !== null && ` @ ${money(o.avgFillPrice)}`}
            </td>
            <td>{utc(o.createdAt)}</td>
          </tr>
          {open === o.orderId && (
            <tr>
              <td colSpan={8}>
                {o.fills.length === 0 ? (
                  <p class="muted">No fills{o.rejectReason ? `; rejected: ${o.rejectReason}` : ''}.</p>
                ) : (
                  <ul class="plain">
                    {o.fills.map((f) => (
                      <li key={f.fillId}>
                        <code>{f.fillId}</code>: {num(f.quantity)} @ {money(f.price)}, fee {money(f.fee)}, {f.liquidity}, {utc(f.timestamp)}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          )}
        </tbody>
      ))}
    </table>
  );
}
