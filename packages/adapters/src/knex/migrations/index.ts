import type { Knex } from 'knex';
import * as accountsAndFollows from './0001-accounts-and-follows.js';
import * as catalog from './0002-catalog.js';
import * as ordersAndOutbox from './0003-orders-and-outbox.js';
import * as notifications from './0004-notifications.js';
import * as postgresConstraints from './0005-postgres-constraints.js';
import * as postgresQuietOrder from './0006-postgres-quiet-order.js';
import * as orderBatch from './0007-order-batch.js';
import * as creatorSearch from './0008-creator-search.js';
import * as mediaAndSearch from './0009-media-and-search.js';
import * as deploymentSettings from './0010-deployment-settings.js';
import * as checkout from './0011-checkout.js';
import * as fairAccess from './0012-fair-access.js';
import * as dropStats from './0013-drop-stats.js';
import * as searchVocabulary from './0014-search-vocabulary.js';
import * as partialSessionIndex from './0015-partial-session-index.js';
import * as batchPlans from './0016-batch-plans.js';

interface NamedMigration extends Knex.Migration {
  name: string;
}

// Imported, not globbed from a directory: the list is the same from src (ts) and from
// dist (js), and a bundler or a missing file fails the build instead of a deployment.
// Names are permanent (knex_migrations records them): append, never rename or reorder.
const MIGRATIONS: NamedMigration[] = [
  { name: '0001-accounts-and-follows', ...accountsAndFollows },
  { name: '0002-catalog', ...catalog },
  { name: '0003-orders-and-outbox', ...ordersAndOutbox },
  { name: '0004-notifications', ...notifications },
  { name: '0005-postgres-constraints', ...postgresConstraints },
  { name: '0006-postgres-quiet-order', ...postgresQuietOrder },
  { name: '0007-order-batch', ...orderBatch },
  { name: '0008-creator-search', ...creatorSearch },
  { name: '0009-media-and-search', ...mediaAndSearch },
  { name: '0010-deployment-settings', ...deploymentSettings },
  { name: '0011-checkout', ...checkout },
  { name: '0012-fair-access', ...fairAccess },
  { name: '0013-drop-stats', ...dropStats },
  { name: '0014-search-vocabulary', ...searchVocabulary },
  { name: '0015-partial-session-index', ...partialSessionIndex },
  { name: '0016-batch-plans', ...batchPlans },
];

/** The schema's versioned migrations as a knex migration source (shared by every SQL engine). */
export const migrationSource: Knex.MigrationSource<NamedMigration> = {
  getMigrations: async () => MIGRATIONS,
  getMigrationName: (m) => m.name,
  getMigration: async (m) => m,
};
