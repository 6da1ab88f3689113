import * as aq from "arquero";
import type { Db } from "../db/index.js";

/** A row of queries/channels/source-spellings.sql. */
interface SpellingRow {
  origin: "leads" | "spend";
  source: string;
  source_raw: string | null;
  match_key: string;
  rows: number;
}

export interface SourceSpellings {
  /** Channel names that differ only in case or punctuation: probably one channel, kept apart. */
  lookAlikes: { matchKey: string; spellings: string[] }[];
  /**
   * Exported values the `values.sources` mapping does not mention (neither a key nor a target),
   * with where they occur. Empty when no mapping is configured.
   */
  unmapped: { value: string; origins: string[]; rows: number }[];
}

/**
 * Check how source names were normalised: look-alike channel names (case- and
 * punctuation-insensitive match) and raw values the mapping does not cover.
 */
export async function checkSourceSpellings(
  db: Db,
  mapping: Record<string, string> | undefined,
): Promise<SourceSpellings> {
  const rows = await db.query<SpellingRow>("channels/source-spellings");
  const lookAlikes = aq
    .from(rows)
    .groupby("match_key")
    .rollup({ n: aq.op.distinct("source"), spellings: aq.op.array_agg_distinct("source") })
    .filter((d: { n: number }) => d.n > 1)
    .orderby("match_key")
    .objects() as { match_key: string; spellings: string[] }[];

  let unmapped: SourceSpellings["unmapped"] = [];
  if (mapping !== undefined && Object.keys(mapping).length > 0) {
    const known = new Set(
      [...Object.keys(mapping), ...Object.values(mapping)].map((v) => v.trim().toLowerCase()),
    );
    const raws = rows.map((row) => ({ ...row, value: row.source_raw ?? row.source }));
    unmapped = (
      aq
        .from(raws.filter((row) => !known.has(row.value.trim().toLowerCase())))
        .groupby("value")
        .rollup({ origins: aq.op.array_agg_distinct("origin"), rows: aq.op.sum("rows") })
        .orderby("value")
        .objects() as { value: string; origins: string[]; rows: number }[]
    ).map((row) => ({ value: row.value, origins: [...row.origins].sort(), rows: row.rows }));
  }
  return {
    lookAlikes: lookAlikes.map((row) => ({
      matchKey: row.match_key,
      spellings: [...row.spellings].sort(),
    })),
    unmapped,
  };
}
