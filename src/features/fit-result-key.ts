import type { Config } from "../config/schema.js";
import { type Db, queriesFingerprint, settingsKey } from "../db/index.js";
import { leadFeaturesKey } from "./build-features.js";
import type { ResolvedWindows } from "./resolve-windows.js";

/** What a fit is computed from, besides lead_features (covered by its own settings key). */
export interface FitSettings {
  target: "won" | "sql";
  validateQuarters: number | undefined;
  l2: number;
  pointsToDoubleOdds: number;
}

/** Bump when the fit's JavaScript side changes what it produces. */
const FIT_RESULT_VERSION = 1;

/**
 * The key a fit's result ({ features, scorecard }) is stored and looked up under
 * (db/stage-results.ts): lead_features' own settings key (windows, data, its query: recorded
 * by the last buildFeatures, so call this after one), the fit's parameters, the whole
 * `features`, `fit` and `windows` config sections, and every query file. Null when
 * lead_features has no record (nothing to reuse against).
 */
export async function fitResultKey(
  db: Db,
  config: Config,
  settings: FitSettings,
): Promise<string | null> {
  if (!(await db.hasTable("lead_features_run"))) return null;
  const [row] = await db.all<{ settings_key: string }>(
    "SELECT settings_key FROM lead_features_run LIMIT 1",
  );
  if (row === undefined) return null;
  return settingsKey({
    version: FIT_RESULT_VERSION,
    leadFeatures: row.settings_key,
    settings: {
      ...settings,
      validateQuarters: settings.validateQuarters ?? config.fit.validate_quarters,
    },
    config: { features: config.features, fit: config.fit, windows: config.windows },
    queries: queriesFingerprint(),
  });
}

/** Bump when the profile's JavaScript side changes what it produces. */
const PROFILE_RESULT_VERSION = 1;

/**
 * The key a features profile (buildFeatures with purpose "profile") is stored and looked up
 * under: what lead_features would be under these windows and config on the loaded data
 * (leadFeaturesKey), the target, the `features`, `fit` and `windows` config sections and every
 * query file. Null unless lead_features as recorded is exactly that build: a reader that
 * reuses the profile then finds lead_features and its record current too.
 */
export async function profileResultKey(
  db: Db,
  config: Config,
  target: "won" | "sql",
  windows: ResolvedWindows,
): Promise<string | null> {
  const { key } = await leadFeaturesKey(db, config, windows);
  if (!(await db.hasTable("lead_features_run"))) return null;
  const [row] = await db.all<{ settings_key: string }>(
    "SELECT settings_key FROM lead_features_run LIMIT 1",
  );
  if (row?.settings_key !== key) return null;
  return settingsKey({
    version: PROFILE_RESULT_VERSION,
    leadFeatures: key,
    target,
    config: { features: config.features, fit: config.fit, windows: config.windows },
    queries: queriesFingerprint(),
  });
}
