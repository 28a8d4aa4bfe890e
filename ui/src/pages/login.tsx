/**
 * Login shows the sign-in form, or the first-run setup form that creates the
 * first admin when GET /auth/setup says no user exists. When the server cannot
 * tell, a "first run?" link switches between the two.
 */
import { useEffect, useState } from "preact/hooks";
import { ApiError, request } from "../api.js";
import { FormError, SubmitButton } from "../components/form-parts.js";
import { useSubmit } from "../lib/use-submit.js";
import { login, setup } from "../lib/session.js";

type Mode = "login" | "setup";

/** PASSWORD_MIN is the server's minimum password length (master/src/services/passwords.ts). */
const PASSWORD_MIN = 10;

/** setupRequired asks the server whether no user exists yet; null when it cannot tell. */
async function setupRequired(): Promise<boolean | null> {
  try {
    const r = await request<{ required?: boolean }>("GET", "/auth/setup", undefined, { quiet401: true });
    return typeof r?.required === "boolean" ? r.required : null;
  } catch {
    return null;
  }
}

/** Login is the signed-out screen. */
export function Login() {
  const [mode, setMode] = useState<Mode>("login");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [required, setRequired] = useState<boolean | null>(null);

  useEffect(() => {
    void setupRequired().then((yes) => {
      setRequired(yes);
      if (yes) setMode("setup");
    });
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
        {mode === "setup" && <p class="muted">No administrator exists yet: create the first one (password at least {PASSWORD_MIN} characters).</p>}
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
            minLength={mode === "setup" ? PASSWORD_MIN : undefined}
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <FormError error={error} />
        <SubmitButton busy={busy}>{mode === "setup" ? "Create admin and sign in" : "Sign in"}</SubmitButton>
        {required === null && (
          <button type="button" class="link" onClick={() => (setMode(mode === "setup" ? "login" : "setup"), setError(null))}>
            {mode === "setup" ? "Already set up? Sign in" : "First run? Set up"}
          </button>
        )}
      </form>
    </main>
  );
}
