import type { UserSummary } from './user.js';
import type { UserRepository } from './user-repository.port.js';

/**
 * Who sells what: creators' public names (handle, display name) by id, for the views that
 * show them beside a drop. No endpoint changes a handle or a display name once the account
 * exists, so what a process has read stays true and it keeps it (bounded). If profiles ever
 * become editable, this must read through the ReadCache with the profile instead.
 */
export class CreatorDirectory {
  private readonly known = new Map<string, UserSummary>();

  constructor(
    private readonly users: Pick<UserRepository, 'findById'>,
    private readonly max = 10_000,
  ) {}

  async summaries(ids: Iterable<string>): Promise<Map<string, UserSummary>> {
    const wanted = [...new Set(ids)];
    const missing = wanted.filter((id) => !this.known.has(id));
    await Promise.all(
      missing.map(async (id) => {
        const u = await this.users.findById(id);
        // Drops reference their creator by foreign key; an unknown id is kept out of the memo.
        if (!u) return;
        if (this.known.size >= this.max) this.known.delete(this.known.keys().next().value!);
        this.known.set(id, { id: u.id, handle: u.handle, displayName: u.displayName });
      }),
    );
    return new Map(wanted.flatMap((id) => (this.known.has(id) ? [[id, this.known.get(id)!] as const] : [])));
  }
}
