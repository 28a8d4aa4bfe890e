import { Registry } from "prom-client";

/**
 * TextRegistry is a prom-client registry that also appends text rendered
 * by its own sources (families too large to keep as prom-client metrics,
 * such as the per-node gauges of a big fleet) to every scrape.
 */
export class TextRegistry extends Registry {
  private readonly sources = new Set<() => string>();

  /** addText adds a source of exposition text; returns its removal. */
  addText(source: () => string): () => void {
    this.sources.add(source);
    return () => void this.sources.delete(source);
  }

  override async metrics(): Promise<string> {
    let text = await super.metrics();
    for (const s of this.sources) text += s();
    return text;
  }
}
