/**
 * The schema's migrations by name, in the order a fresh database runs them: written out here,
 * not read from the source, so that a renamed, dropped or reordered migration fails the
 * engines' migration tests (knex records these names for good).
 */
export const ALL_MIGRATIONS = [
  '0001-accounts-and-follows',
  '0002-catalog',
  '0003-orders-and-outbox',
  '0004-notifications',
  '0005-postgres-constraints',
  '0006-postgres-quiet-order',
  '0007-order-batch',
  '0008-creator-search',
  '0009-media-and-search',
  '0010-deployment-settings',
  '0011-checkout',
  '0012-fair-access',
  '0013-drop-stats',
  '0014-search-vocabulary',
  '0015-partial-session-index',
  '0016-batch-plans',
];
