import type { GatewayAnswer, PaymentGateway } from './payment-gateway.port.js';

const NONE: GatewayAnswer = { kind: 'error', message: 'no payment gateway is configured' };

/** Where no gateway is bound (tools and tests that take no payments): every call's outcome is unknown, so nothing is ever confirmed. */
export const NO_GATEWAY: PaymentGateway = {
  authorize: async () => NONE,
  capture: async () => NONE,
  void: async () => NONE,
};
