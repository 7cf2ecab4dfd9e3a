/**
 * The four streams of Airbyte's Okta source that Port's mapping consumes, with the sync
 * modes the connector supports for each (FACTS.md, source-okta 0.3.x).
 */
export const OKTA_STREAMS = ["custom_roles", "permissions", "user_role_assignments", "users"] as const;
export type OktaStream = (typeof OKTA_STREAMS)[number];

export const SYNC_MODES = ["full_refresh_overwrite", "full_refresh_append", "incremental_append", "incremental_deduped_history"] as const;
export type SyncMode = (typeof SYNC_MODES)[number];

/** Only `users` is incremental (cursor `lastUpdated`); the other streams are full refresh only. */
export const SUPPORTED_SYNC_MODES: Record<OktaStream, readonly SyncMode[]> = {
  custom_roles: ["full_refresh_overwrite", "full_refresh_append"],
  permissions: ["full_refresh_overwrite", "full_refresh_append"],
  user_role_assignments: ["full_refresh_overwrite", "full_refresh_append"],
  users: SYNC_MODES,
};

/**
 * Full refresh by default: every sync re-sends the complete state, so Port upserts every
 * entity again (idempotent) and status changes such as DEPROVISIONED always arrive.
 */
export const DEFAULT_SYNC_MODE: SyncMode = "full_refresh_overwrite";
