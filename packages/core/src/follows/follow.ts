import type { UserSummary } from '../accounts/user.js';

export interface FollowerEntry {
  user: UserSummary;
  followedAt: number;
}

export interface FollowingEntry {
  creator: UserSummary;
  followedAt: number;
}
