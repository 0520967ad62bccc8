import { randomBytes } from 'node:crypto';
import type { KnexDb } from './knex-db.js';
import type { Row } from './knex-rows.js';

/**
 * A random secret named `name`, made and stored by whichever instance asks first: the
 * insert that loses a race to another instance's is ignored, and both read the winner's.
 */
export async function knexSecret(db: KnexDb, name: string): Promise<string> {
  const read = async (): Promise<string | undefined> => {
    const row = (await db.table('deployment_settings').where({ name }).first('value')) as Row | undefined;
    return row ? String(row.value) : undefined;
  };
  const found = await read();
  if (found !== undefined) return found;
  const value = randomBytes(32).toString('base64url');
  await db.table('deployment_settings').insert({ name, value }).onConflict('name').ignore();
  return (await read()) ?? value;
}
