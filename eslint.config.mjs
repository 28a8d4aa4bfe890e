// ESLint with typescript-eslint's type-aware recommended rules over every
// workspace and the tests (`npm run lint`). Rules turned off below say why;
// everything else in recommended-type-checked is on.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/dist/**",
      "**/node_modules/**",
      "master/src/generated/**",
      "shared/src/gen/**",
      "client/src/gen/**",
      "**/*.cjs",
      "**/*.mjs",
      "ui/dist/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // TypeScript itself reports undefined names (and knows Node/DOM globals); the core rule only adds false positives.
      "no-undef": "off",
      // Unused bindings are errors, except deliberately ignored ones named `_x` and rest siblings used to omit keys.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true },
      ],
      // Fire-and-forget is written `void promise()`; this keeps that explicit while allowing it.
      "@typescript-eslint/no-floating-promises": ["error", { ignoreVoid: true }],
      // Promise-returning callbacks are passed to Node emitters and Koa-style middleware that ignore the result on purpose.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: false }],
      // Template literals interpolate numbers and booleans throughout log and error messages; that is intended.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allowBoolean: true, allowNullish: true }],
      // Empty catch blocks mean "ignore this failure" (best-effort cleanup); other empty blocks stay errors.
      "no-empty": ["error", { allowEmptyCatch: true }],
      // A variable read by a closure before its single assignment cannot be const.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
      // Off: the non-null assertions on indexed reads document where noUncheckedIndexedAccess will need them;
      // removing ~250 now and adding them back when that option is turned on would touch every file twice.
      "@typescript-eslint/no-unnecessary-type-assertion": "off",
      // Off: route handlers, drivers and hooks implement async interfaces; an async body without await is intended.
      "@typescript-eslint/require-await": "off",
      // Off: methods are plain functions stored in objects (parsers, services, handlers); none of them uses `this`.
      "@typescript-eslint/unbound-method": "off",
      // Off: String() of unknown JSON values (event data, socket frames, CSV cells) is the wanted rendering.
      "@typescript-eslint/no-base-to-string": "off",
      // Off: short side-effect sequences are written with the comma operator and && (house style);
      // tsc already reports expressions without any effect.
      "no-unused-expressions": "off",
      "@typescript-eslint/no-unused-expressions": "off",
      // Off: unions such as `"online" | "offline" | string` list the known values of an open set on purpose.
      "@typescript-eslint/no-redundant-type-constituents": "off",
      // Off: abort and stream rejections carry structured reasons (a command's ending), not Errors, by design.
      "@typescript-eslint/prefer-promise-reject-errors": "off",
      // Off: `any` is written only where a generic is erased (route lists, untyped gRPC/dockerode surfaces);
      // the no-unsafe-* rules below still report where an `any` value flows into typed code.
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    // The HTTP context's state bag and the OpenAPI document walked by the MCP tools are untyped JSON by design.
    files: ["master/src/http/middleware/**/*.ts", "cli/src/mcp-tools.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  {
    // Stores own the database. dependency-cruiser stops other modules importing Prisma, but a module can still
    // reach the client through the context (`ctx.db.node.findMany(...)`) without importing anything; this
    // closes that gap. The composition root opens the database and hands the context to the stores.
    files: ["master/src/**/*.ts"],
    ignores: ["master/src/**/*-store.ts", "master/src/db/**", "master/src/master.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "MemberExpression[property.name='db']",
          message: "Only store modules (*-store.ts, master/src/db/) use the database client. Add a store method and call that.",
        },
        {
          selector: "ObjectPattern > Property[key.name='db']",
          message: "Only store modules (*-store.ts, master/src/db/) use the database client. Add a store method and call that.",
        },
      ],
    },
  },
  {
    // Test code drives untyped JSON replies (`any` bodies) and asserts on them; the unsafe-any family is noise there.
    files: ["test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
);
