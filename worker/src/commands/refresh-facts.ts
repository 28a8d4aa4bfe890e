import { defineHandler } from "./handler.js";

/** refreshFacts answers RefreshFactsCommand with freshly collected host facts. */
export const refreshFacts = defineHandler({
  kind: "refreshFacts",
  capability: "refresh_facts",
  async run(_payload, ctx) {
    return { case: "facts", value: await ctx.facts() };
  },
});
