/**
 * App is the shell: it loads the session, shows login/setup when signed out,
 * otherwise the header, navigation and the page for the current route.
 */
import { useEffect } from "preact/hooks";
import { unauthorized } from "./api.js";
import { Header } from "./components/header.js";
import { Nav, pageLabel } from "./components/nav.js";
import { Toasts } from "./components/toasts.js";
import { stale, startLive, stopLive } from "./lib/live.js";
import { route } from "./lib/router.js";
import { loadMe, me } from "./lib/session.js";
import { titleName } from "./lib/title.js";
import { ApiKeys } from "./pages/api-keys.js";
import { Audit } from "./pages/audit.js";
import { ContainerLogs } from "./pages/container-logs.js";
import { Containers } from "./pages/containers.js";
import { Enrollment } from "./pages/enrollment.js";
import { Events } from "./pages/events.js";
import { Findings } from "./pages/findings.js";
import { Login } from "./pages/login.js";
import { NodeDetail } from "./pages/node-detail.js";
import { Nodes } from "./pages/nodes.js";
import { Overview } from "./pages/overview.js";
import { ScanCompare } from "./pages/scan-compare.js";
import { ScanDetail } from "./pages/scan-detail.js";
import { Scans } from "./pages/scans.js";
import { Schedules } from "./pages/schedules.js";
import { Users } from "./pages/users.js";
import { AlertRules } from "./pages/automation/alert-rules.js";
import { Alerts } from "./pages/automation/alerts.js";
import { Channels } from "./pages/automation/channels.js";
import { Silences } from "./pages/automation/silences.js";
import { WebhookDetail } from "./pages/automation/webhook-detail.js";
import { Webhooks } from "./pages/automation/webhooks.js";

function Page() {
  const [a, b, c] = route.value.parts;
  if (a === "settings" && b === "channels") return <Channels />;
  switch (a) {
    case undefined:
      return <Overview />;
    case "nodes":
      return b ? <NodeDetail id={b} /> : <Nodes />;
    case "containers":
      return b && c ? <ContainerLogs nodeId={b} containerId={c} /> : <Containers />;
    case "scans":
      if (b === "compare") return <ScanCompare />;
      return b ? <ScanDetail id={b} /> : <Scans />;
    case "findings":
      return <Findings />;
    case "schedules":
      return <Schedules />;
    case "events":
      return <Events />;
    case "enrollment":
      return <Enrollment />;
    case "users":
      return <Users />;
    case "api-keys":
      return <ApiKeys />;
    case "audit":
      return <Audit />;
    case "alerts":
      return <Alerts />;
    case "alert-rules":
      return <AlertRules />;
    case "silences":
      return <Silences />;
    case "webhooks":
      return b ? <WebhookDetail id={b} /> : <Webhooks />;
    case "channels":
      return <Channels />;

    default:
      return (
        <section>
          <h1>Not found</h1>
          <p>
            There is no page here. <a href="#/">Go to the overview</a>.
          </p>
        </section>
      );
  }
}

/** App is the root component. */
export function App() {
  const signedIn = !!me.value;
  useEffect(() => {
    void loadMe().catch(() => (me.value = null));
  }, []);
  useEffect(() => {
    if (unauthorized.value > 0) me.value = null;
  }, [unauthorized.value]);
  useEffect(() => {
    if (signedIn) startLive();
    else stopLive();
  }, [signedIn]);
  // One title per page, so tabs and history say where they are.
  useEffect(() => {
    const parts = route.value.parts;
    const label = !signedIn ? "Sign in" : (pageLabel(`/${parts[0] ?? ""}`) ?? "Not found");
    const named = titleName.value?.path === route.value.path ? titleName.value.name : "";
    const detail =
      named ||
      (parts[0] === "scans" && parts[1] === "compare"
        ? "Compare scans"
        : parts[1] && parts[0] !== "settings"
          ? decodeURIComponent(parts[parts.length - 1]!)
          : "");
    document.title = `${detail ? `${detail} · ` : ""}${label} · Flotilla`;
  }, [route.value.path, signedIn, titleName.value]);
  // Move focus to the page heading on navigation, for keyboard and screen reader users.
  useEffect(() => {
    const h = document.querySelector<HTMLElement>("main h1");
    if (h) {
      h.tabIndex = -1;
      h.focus();
    }
  }, [route.value.path]);

  if (me.value === undefined)
    return (
      <p class="muted center" aria-live="polite">
        Loading…
      </p>
    );
  return (
    <>
      {signedIn ? (
        <div class={stale.value ? "shell stale" : "shell"}>
          <Header />
          <Nav />
          <main class="main" id="main">
            {stale.value && (
              <p class="stale-banner" role="status" data-testid="stale-banner">
                Lost the connection to the master. What you see may be out of date; statuses are greyed out until it reconnects.
              </p>
            )}
            <Page />
          </main>
        </div>
      ) : (
        <Login />
      )}
      <Toasts />
    </>
  );
}
