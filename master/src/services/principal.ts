/** Role names, lowest to highest. `public` routes need no credentials. */
export type Role = "public" | "viewer" | "operator" | "admin";
/** ROLE_RANK orders the roles that need credentials. */
export const ROLE_RANK: Record<Exclude<Role, "public">, number> = { viewer: 1, operator: 2, admin: 3 };

/** Principal is who made a request: a user (session/JWT) or an API key. */
export interface Principal {
  userId: string;
  username: string;
  role: Exclude<Role, "public">;
  via: "session" | "jwt" | "api_key";
  apiKeyId?: string;
  /** Login session behind a cookie or JWT (absent for API keys). */
  sessionId?: string;
}
