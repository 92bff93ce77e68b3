import type { Account } from '@bothooks/core';

/** The user fields of a Discord API user object (`APIUser`). */
export interface ApiUser {
  id: string;
  username?: string;
  global_name?: string | null;
}

/** The user fields of a discord.js `User`. */
export interface UserStructure {
  id: string;
  username?: string | null;
  globalName?: string | null;
}

/**
 * An account from a discord.js `User` (or `ClientUser`). `name` is what Discord shows: the server nickname
 * when one is given, else the global display name, else the username.
 */
export function accountFromUser(
  user: UserStructure,
  nickname?: string | null,
  locale?: string | null,
): Account {
  const name = nickname ?? user.globalName ?? user.username ?? undefined;
  return {
    id: user.id,
    ...(name !== undefined && name !== null && { name }),
    ...(user.username && { username: user.username }),
    ...(locale && { locale }),
  };
}

/** An account from an API user object, as REST results and gateway payloads carry it. */
export function accountFromPayload(user: ApiUser, nickname?: string | null): Account {
  return accountFromUser(
    { id: user.id, username: user.username ?? null, globalName: user.global_name ?? null },
    nickname,
  );
}
