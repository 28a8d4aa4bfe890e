/** PackageSpec is the package a launcher (npx, uvx, docker, ...) fetches at run time. */
export interface PackageSpec {
  ecosystem: "npm" | "pypi" | "docker";
  spec: string;
  name: string;
  pinned: boolean;
}

const DOCKER_VALUE_FLAGS = new Set([
  "-e",
  "--env",
  "-v",
  "--volume",
  "--name",
  "-p",
  "--publish",
  "--network",
  "--mount",
  "-w",
  "--workdir",
  "--entrypoint",
  "-u",
  "--user",
  "--env-file",
  "-l",
  "--label",
  "--platform",
  "--pull",
]);
const NPM_VALUE_FLAGS = new Set(["-p", "--package", "--registry", "--cache", "--userconfig"]);
const UV_VALUE_FLAGS = new Set(["--with", "--python", "-p", "--index-url", "--index", "--extra-index-url"]);

function base(cmd: string): string {
  return (cmd.split(/[\\/]/).pop() ?? cmd).replace(/\.(exe|cmd)$/i, "").toLowerCase();
}

function firstOperand(args: string[], valueFlags: Set<string>): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--") return args[i + 1];
    if (a.startsWith("-")) {
      if (!a.includes("=") && valueFlags.has(a)) i++;
      continue;
    }
    return a;
  }
  return undefined;
}

function npmSpec(spec: string): PackageSpec {
  const at = spec.lastIndexOf("@");
  const name = at > 0 ? spec.slice(0, at) : spec;
  const version = at > 0 ? spec.slice(at + 1) : "";
  return { ecosystem: "npm", spec, name, pinned: /^v?\d+\.\d+\.\d+([-+][\w.]+)?$/.test(version) };
}

function pypiSpec(spec: string): PackageSpec {
  const m = /^([A-Za-z0-9_.\-[\]]+?)\s*(==|@)\s*(.+)$/.exec(spec);
  return { ecosystem: "pypi", spec, name: m ? m[1]! : spec, pinned: !!m && m[3] !== "latest" && /^\d/.test(m[3]!) };
}

function dockerSpec(spec: string): PackageSpec {
  if (spec.includes("@sha256:")) return { ecosystem: "docker", spec, name: spec.split("@")[0]!, pinned: true };
  const slash = spec.lastIndexOf("/");
  const colon = spec.lastIndexOf(":");
  const tag = colon > slash ? spec.slice(colon + 1) : "";
  return { ecosystem: "docker", spec, name: colon > slash ? spec.slice(0, colon) : spec, pinned: tag !== "" && tag !== "latest" };
}

/** packageSpec finds the package a server command fetches at run time, if any. */
export function packageSpec(command: string, args: string[]): PackageSpec | null {
  const cmd = base(command);
  if (cmd === "npx" || cmd === "bunx" || cmd === "pnpx") {
    const s = firstOperand(args, NPM_VALUE_FLAGS);
    return s ? npmSpec(s) : null;
  }
  if ((cmd === "pnpm" || cmd === "yarn" || cmd === "bun") && (args[0] === "dlx" || args[0] === "x")) {
    const s = firstOperand(args.slice(1), NPM_VALUE_FLAGS);
    return s ? npmSpec(s) : null;
  }
  if (cmd === "uvx" || (cmd === "uv" && args[0] === "tool" && args[1] === "run") || (cmd === "pipx" && args[0] === "run")) {
    const rest = cmd === "uvx" ? args : cmd === "uv" ? args.slice(2) : args.slice(1);
    const from = rest.indexOf("--from");
    const s = from >= 0 ? rest[from + 1] : firstOperand(rest, UV_VALUE_FLAGS);
    return s ? pypiSpec(s) : null;
  }
  if ((cmd === "docker" || cmd === "podman") && args[0] === "run") {
    const s = firstOperand(args.slice(1), DOCKER_VALUE_FLAGS);
    return s ? dockerSpec(s) : null;
  }
  return null;
}

/** commandBase returns the lower-case program name of a command path. */
export const commandBase = base;
