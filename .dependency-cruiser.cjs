// Module boundaries, checked by `npm run lint` (dependency-cruiser). Each
// rule's comment is what a failing import prints: it says which seam the
// import crosses and where the code belongs instead. docs/DESIGN.md describes
// the layers these rules keep apart.

module.exports = {
  forbidden: [
    {
      name: "no-folder-cycles",
      severity: "error",
      scope: "folder",
      comment:
        "Import cycle between master/src folders. Lower layers (stores, services, domain folders) must not import " +
        "upper ones (http/, grpc/, master.ts). Domain factories return services; routes live in http/routes and " +
        "are listed in http/registry.ts. Move the shared type down (e.g. into the domain folder) to break the cycle.",
      from: { path: "^master/src/[^/]+$" },
      to: { path: "^master/src/", circular: true },
    },
    {
      name: "prisma-only-in-stores",
      severity: "error",
      comment:
        "Only store modules (*-store.ts, master/src/db/, master/src/store/) may import the Prisma client or its " +
        "generated row types. Add a store method that returns a view object and call that instead.",
      from: {
        path: "^master/src/",
        pathNot: [
          "-store\\.ts$",
          "^master/src/db/",
          "^master/src/store/",
          // the composition root opens the database; the context carries it to the stores
          "^master/src/master\\.ts$",
          "^master/src/context\\.ts$",
        ],
      },
      to: { path: ["^master/src/generated/", "^master/src/db/types\\.ts$", "(^|/)node_modules/@prisma/"], dependencyTypesNot: [] },
    },
    {
      name: "http-not-grpc",
      severity: "error",
      comment:
        "master/src/http must not import master/src/grpc: both are adapters over the same services. " +
        "Pass what the route needs through the Services record (master.ts builds it).",
      from: { path: "^master/src/http/" },
      to: { path: "^master/src/grpc/" },
    },
    {
      name: "grpc-not-http",
      severity: "error",
      comment:
        "master/src/grpc must not import master/src/http: both are adapters over the same services. " +
        "Move the shared code into a service or domain folder.",
      from: { path: "^master/src/grpc/" },
      to: { path: "^master/src/http/" },
    },
    {
      name: "worker-not-master",
      severity: "error",
      comment: "The worker is shipped alone: worker/ must not import master/. Shared code goes in shared/ (@flotilla/shared).",
      from: { path: "^worker/" },
      to: { path: "^master/" },
    },
    {
      name: "ui-not-servers",
      severity: "error",
      comment: "The UI bundle must not import master/ or worker/ code. Use the API types from client/src/gen/schema.ts (type-only).",
      from: { path: "^ui/" },
      to: { path: "^(master|worker)/" },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "This import cannot be resolved: a typo, or a dependency missing from package.json.",
      from: { path: "^(master|worker|shared|client|cli|ui)/src/" },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // generated code is not cruised, but imports of it are still checked
    doNotFollow: { path: ["node_modules", "^master/src/generated/", "^shared/src/gen/"] },
    exclude: { path: ["(^|/)dist/"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.lint.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".d.ts"],
    },
  },
};
