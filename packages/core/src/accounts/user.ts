export interface User {
  id: string;
  handle: string;
  displayName: string;
  isCreator: boolean;
  createdAt: number;
}

/** The public face of a user inside lists (followers, following). */
export interface UserSummary {
  id: string;
  handle: string;
  displayName: string;
}

/** A creator's public profile; `followerCount` is a maintained counter, never a COUNT(*). */
export interface CreatorProfile extends UserSummary {
  followerCount: number;
  createdAt: number;
}

export const HANDLE_PATTERN = /^[a-z0-9_]{3,32}$/;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
