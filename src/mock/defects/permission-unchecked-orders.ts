import { defineDefect, withStage } from './defect.js';

export const permissionUncheckedOrders = defineDefect({
  name: 'permission-unchecked-orders',
  description: 'POST /orders does not check write:orders.',
  caughtBy: ['permission.each-operation'],
  apply: (parts) =>
    withStage(parts, 'authorize', (authorize) => ({
      ...authorize,
      run: (j) => (j.op?.operationId === 'placeOrder' ? undefined : authorize.run(j)),
    })),
});
