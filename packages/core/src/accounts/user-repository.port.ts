import type { Page, PageRequest } from '../shared/page.js';
import type { CreatorProfile, User } from './user.js';

export interface UserRepository {
  /** Inserts the user; throws HandleTakenError when the handle exists (decided by a unique index). */
  create(user: User, passwordHash: string): Promise<void>;
  findById(id: string): Promise<User | null>;
  findByHandle(handle: string): Promise<{ user: User; passwordHash: string } | null>;
  /** The creator's profile with its exact follower count; null for unknown ids and non-creators. */
  findCreator(id: string): Promise<CreatorProfile | null>;
  /** The creators among `ids` (non-creators and unknown ids left out), in no particular order. */
  findCreators(ids: readonly string[]): Promise<CreatorProfile[]>;
  /** The same by exact handle (stored lower-case, so callers lower-case it first). */
  findCreatorByHandle(handle: string): Promise<CreatorProfile | null>;
  /**
   * Creators whose handle, or whose display name folded by `searchKey`, starts with `prefix`
   * (already folded; '' matches every creator). Ordered by handle; cursor on (handle, id).
   */
  searchCreators(prefix: string, page: PageRequest): Promise<Page<CreatorProfile>>;
}
