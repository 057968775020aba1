// One handler per operationId; the Handlers type makes a spec operation without a handler a type error.
import { getMe, registerAgent } from './agents.js';
import { getSentiment, getSocialFeed } from './content.js';
import type { Handlers } from './handler.js';
import { getCandles, getMarket, getOrderBook } from './market.js';
import { cancelOrder, getOrder, listOrders, modifyOrder, placeOrder } from './orders.js';
import { getPortfolio } from './portfolio.js';
import { createWebhook, deleteWebhook, listWebhooks } from './webhooks.js';

export const handlers: Handlers = {
  registerAgent,
  getMe,
  getMarket,
  getOrderBook,
  getCandles,
  getPortfolio,
  placeOrder,
  listOrders,
  getOrder,
  modifyOrder,
  cancelOrder,
  getSentiment,
  getSocialFeed,
  createWebhook,
  listWebhooks,
  deleteWebhook,
};
