/**
 * PackageTable lists a census's installed packages with a search box; it
 * shows the first matches only, so a host with thousands of packages stays
 * quick.
 */
import { useState } from "preact/hooks";

/** Package is one installed package of a census. */
export interface Package {
  name: string;
  version: string;
}

const SHOWN = 200;

/** packagesOf reads the packages of a census document (anything else is left out). */
export function packagesOf(v: unknown): Package[] {
  if (!Array.isArray(v)) return [];
  return v.flatMap((p) => {
    const o = p as Record<string, unknown> | null;
    return o && typeof o.name === "string" ? [{ name: o.name, version: typeof o.version === "string" ? o.version : "" }] : [];
  });
}

/** PackageTable renders `packages` filtered by what is typed (name or version). */
export function PackageTable({ packages }: { packages: Package[] }) {
  const [find, setFind] = useState("");
  const needle = find.trim().toLowerCase();
  const hits = needle ? packages.filter((p) => p.name.toLowerCase().includes(needle) || p.version.toLowerCase().includes(needle)) : packages;
  return (
    <section aria-label="Installed packages">
      <div class="filters" role="search">
        <label>
          Find a package
          <input type="search" value={find} placeholder="name or version" onInput={(e) => setFind(e.currentTarget.value)} />
        </label>
        <span class="muted" data-testid="package-count">
          {needle ? `${hits.length} of ${packages.length} packages` : `${packages.length} packages`}
          {hits.length > SHOWN && ` · showing the first ${SHOWN}`}
        </span>
      </div>
      {hits.length > 0 ? (
        <table class="table" data-testid="package-table">
          <thead>
            <tr>
              <th scope="col">Package</th>
              <th scope="col">Version</th>
            </tr>
          </thead>
          <tbody>
            {hits.slice(0, SHOWN).map((p) => (
              <tr key={p.name}>
                <td>{p.name}</td>
                <td>
                  <code>{p.version}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p class="muted">{packages.length ? "No package matches." : "The census lists no packages (no dpkg database on the host)."}</p>
      )}
    </section>
  );
}
