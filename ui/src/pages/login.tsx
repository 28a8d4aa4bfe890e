/**
 * Login shows the sign-in form, or the first-run setup form that creates the
 * first admin. Setup availability comes from GET /auth/setup when the server
 * offers it; otherwise a "first run?" link switches to the setup form.
 */
import { useEffect, useState } from "preact/hooks";
import { ApiError, request } from "../api.js";
import { FormError, SubmitButton } from "../components/form-parts.js";
import { useSubmit } from "../lib/use-submit.js";
import { login, setup } from "../lib/session.js";

type Mode = "login" | "setup";

async function setupAvailable(): Promise<boolean> {
  try {
    // Ask only when the server documents GET /auth/setup, so no failed request is made otherwise.
    const doc = await request<{ paths?: Record<string, Record<string, unknown>> }>("GET", "/openapi.json", undefined, { quiet401: true });
    const path = Object.entries(doc?.paths ?? {}).find(([p]) => p.endsWith("/auth/setup"))?.[1];
    if (!path?.get) return false;
    const r = await request<Record<string, unknown>>("GET", "/auth/setup", undefined, { quiet401: true });
    return !!(r && (r.available ?? r.setup_required ?? r.required ?? r.needed));
  } catch {
    return false;
  }
}

/** Login is the signed-out screen. */
export function Login() {
  const [mode, setMode] = useState<Mode>("login");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");

  useEffect(() => {
    setupAvailable().then((yes) => yes && setMode("setup"));
  }, []);

  const { busy, error, setError, submit } = useSubmit(async () => {
    try {
      if (mode === "setup") await setup(username, password);
      else await login(username, password);
    } catch (err) {
      if (mode === "setup" && err instanceof ApiError && err.status === 409) {
        setMode("login");
        throw new Error("This server is already set up. Sign in instead.");
      }
      if (mode === "login" && err instanceof ApiError && err.status === 401) throw new Error("Wrong username or password.");
      throw err;
    }
  });

  return (
    <main class="login">
      <form class="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">{mode === "setup" ? "Set up Flotilla" : "Sign in to Flotilla"}</h1>
        {mode === "setup" && <p class="muted">Create the first administrator account.</p>}
        <label>
          Username
          <input name="username" autoComplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        </label>
        <label>
          Password
          <input
            name="password"
            type="password"
            autoComplete={mode === "setup" ? "new-password" : "current-password"}
            required
            minLength={mode === "setup" ? 8 : undefined}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <FormError error={error} />
        <SubmitButton busy={busy}>{mode === "setup" ? "Create admin and sign in" : "Sign in"}</SubmitButton>
        <button type="button" class="link" onClick={() => (setMode(mode === "setup" ? "login" : "setup"), setError(null))}>
          {mode === "setup" ? "Already set up? Sign in" : "First run? Set up"}
        </button>
      </form>
    </main>
  );
}
