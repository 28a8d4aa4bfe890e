/**
 * Header shows the product name, live feed state, the user and sign-out.
 */
import { liveState } from "../lib/live.js";
import { Bell } from "./bell.js";
import { logout, me } from "../lib/session.js";

/** Header is the top bar of the signed-in shell. */
export function Header() {
  const u = me.value;
  return (
    <header class="header">
      <a class="brand" href="#/">
        Flotilla
      </a>
      <span class={`live live-${liveState.value}`} data-testid="live-state" title="Live updates">
        {liveState.value === "live" ? "● live" : liveState.value === "connecting" ? "○ connecting" : "○ offline"}
      </span>
      <span class="spacer" />
      <Bell />
      {u && (
        <span class="who" data-testid="whoami">
          {u.username} <span class="muted">({u.role})</span>
        </span>
      )}
      <button type="button" class="btn btn-plain" onClick={() => void logout()}>
        Sign out
      </button>
    </header>
  );
}
