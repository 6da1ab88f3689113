import { z } from "zod";
import { formatIssues, parseYaml } from "../config/load-config.js";
import { UserError } from "../errors.js";

/**
 * The scoring-model file: a YAML document a person can read and edit. `handoff fit` writes one
 * from data; `backtest` and `score` read any, hand-written or fitted. The format reference is
 * in docs/backtest.md ("The model file"); test/fixtures/models/example.yaml is a full example.
 *
 * ```yaml
 * version: 1
 * name: Q3 scorecard                  # header keys: all optional
 * threshold: 60                       # a lead is an MQL once its score reaches this
 * fit_rules:                          # points from who the lead is, counted at creation
 *   - field: country
 *     points: { US: 15, GB: 10, other: 0, missing: -5 }
 *   - field: employees
 *     bins: [{ max: 10, points: -10 }, { min: 10, max: 200, points: 5 }, { min: 200, points: 15 }]
 * intent_rules:                       # points from what the lead does, as events arrive
 *   - activity: pricing_view
 *     points: 10                      # per event
 *     cap: 30                         # at most 30 points from this rule at any moment
 *     half_life_days: 14              # each event's points halve every 14 days
 * gates:                              # conditions an MQL must meet whatever its points
 *   - { field: country, in: [US, GB, DE] }
 *   - { field: employees, min: 10 }
 * ```
 *
 * Rules refer to fields by name: a canonical lead column (`country`, `employees`, ...), an
 * extra column kept from the export, or a derived field ({@link DERIVED_FIELDS}). Whether the
 * field exists is checked against the database when the model is used, not here.
 */

/** Fields computed from lead columns by the features stage's SQL macros (queries/features/macros.sql). */
export const DERIVED_FIELDS = ["seniority", "size_band"] as const;

/** Keys of a categorical rule's `points` that are not category values. */
export const RESERVED_CATEGORY_KEYS = ["other", "missing"] as const;

const fieldName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
  message: "must be a column name: letters, digits and _, not starting with a digit",
});

const points = z.number().int({ message: "points must be whole numbers" });

const dateOrDateTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  message: "must be an ISO date (2026-07-01) or date-time (2026-07-01T09:00:00Z)",
});

/** One numeric bin: `min` inclusive, `max` exclusive; an open end is omitted. */
const binSchema = z
  .object({ min: z.number().optional(), max: z.number().optional(), points })
  .strict()
  .refine((bin) => bin.min === undefined || bin.max === undefined || bin.min < bin.max, {
    message: "min must be below max (min is inclusive, max exclusive)",
  });

const categoricalRuleSchema = z
  .object({
    field: fieldName,
    /** Category value → points; `other` for any value not listed, `missing` for empty values. */
    points: z.record(z.string(), points).refine((map) => Object.keys(map).length > 0, {
      message: "list at least one category, e.g. { US: 10, other: 0 }",
    }),
    /** Free text shown in reasons ("Director", "ICP country"); defaults to the field name. */
    label: z.string().optional(),
  })
  .strict();

const numericRuleSchema = z
  .object({
    field: fieldName,
    bins: z
      .array(binSchema)
      .min(1, { message: "list at least one bin, e.g. [{ min: 10, points: 5 }]" })
      .superRefine((bins, ctx) => {
        for (let i = 1; i < bins.length; i++) {
          const previous = bins[i - 1];
          const bin = bins[i];
          if (previous === undefined || bin === undefined) continue;
          if (previous.max === undefined || bin.min === undefined || bin.min < previous.max) {
            ctx.addIssue({
              code: "custom",
              path: [i],
              message:
                "bins must be in increasing order without overlap: each bin's min must be at or above the previous bin's max",
            });
          }
        }
      }),
    /** Points for a lead with no value; default 0. */
    missing: points.optional(),
    label: z.string().optional(),
  })
  .strict();

const activityRuleSchema = z
  .object({
    /** Canonical activity type (activities.type), e.g. pricing_view. */
    activity: z.string().min(1),
    /** Points per event. */
    points,
    /** Most points this rule can contribute at any moment (absolute value for negative points). */
    cap: z.number().int().positive().optional(),
    /** Days after which an event's points have halved; omitted: points never decay. */
    half_life_days: z.number().positive().optional(),
    label: z.string().optional(),
  })
  .strict()
  .refine((rule) => rule.points >= 0 || rule.half_life_days === undefined, {
    message:
      "negative points cannot decay (the score would rise between events): remove half_life_days or make the points positive",
    path: ["half_life_days"],
  });

const countRuleSchema = z
  .object({
    /** A count column on the lead row (flat exports), e.g. count_page_view. */
    count_column: fieldName,
    /** Points per unit of the count. */
    points: z.number(),
    cap: z.number().int().positive().optional(),
    label: z.string().optional(),
  })
  .strict();

const gateSchema = z
  .object({
    field: fieldName,
    in: z.array(z.string()).min(1).optional(),
    not_in: z.array(z.string()).min(1).optional(),
    min: z.number().optional(),
    max: z.number().optional(),
    label: z.string().optional(),
  })
  .strict()
  .refine(
    (gate) =>
      gate.in !== undefined ||
      gate.not_in !== undefined ||
      gate.min !== undefined ||
      gate.max !== undefined,
    { message: "a gate needs a condition: in, not_in, min or max" },
  );

/** A model rule's union members are told apart by their keys, so messages stay specific. */
function fitRuleUnion() {
  return z.custom<unknown>().transform((value, ctx) => {
    const schema =
      typeof value === "object" && value !== null && "bins" in value
        ? numericRuleSchema
        : categoricalRuleSchema;
    if (typeof value === "object" && value !== null && !("bins" in value) && !("points" in value)) {
      ctx.addIssue({
        code: "custom",
        message:
          "a fit rule needs either points (categorical: { value: pts, other: pts, missing: pts }) or bins (numeric: [{ min, max, points }])",
      });
      return z.NEVER;
    }
    const result = schema.safeParse(value, { reportInput: true });
    if (!result.success) {
      for (const issue of result.error.issues) ctx.addIssue({ ...issue } as never);
      return z.NEVER;
    }
    return result.data as FitRule;
  });
}

function intentRuleUnion() {
  return z.custom<unknown>().transform((value, ctx) => {
    const isObject = typeof value === "object" && value !== null;
    if (isObject && "activity" in value === "count_column" in value) {
      ctx.addIssue({
        code: "custom",
        message:
          "an intent rule needs exactly one of activity (event-level exports) or count_column (flat exports)",
      });
      return z.NEVER;
    }
    const schema = isObject && "count_column" in value ? countRuleSchema : activityRuleSchema;
    const result = schema.safeParse(value, { reportInput: true });
    if (!result.success) {
      for (const issue of result.error.issues) ctx.addIssue({ ...issue } as never);
      return z.NEVER;
    }
    return result.data as IntentRule;
  });
}

const metricsSchema = z.record(z.string(), z.union([z.number(), z.record(z.string(), z.number())]));

export const modelSchema = z
  .object({
    version: z.literal(1, { message: "must be 1 (the only model file version so far)" }),
    // header: all optional, so a hand-written model can be three lines long
    name: z.string().optional(),
    description: z.string().optional(),
    target: z.enum(["won", "sql"]).optional(),
    created: dateOrDateTime.optional(),
    data_window: z
      .object({ from: dateOrDateTime.optional(), to: dateOrDateTime.optional() })
      .strict()
      .optional(),
    metrics: metricsSchema.optional(),
    command: z.string().optional(),
    scaling: z
      .object({
        /** Points that double the odds of the target (the scorecard's scale). */
        points_to_double_odds: z.number().positive().optional(),
        /** The score at which the odds equal `base_odds` (optional, for reading scores as odds). */
        base_points: z.number().optional(),
        base_odds: z.number().positive().optional(),
      })
      .strict()
      .optional(),
    threshold: z.number().int({ message: "must be a whole number of points" }),
    fit_rules: z.array(fitRuleUnion()).default([]),
    intent_rules: z.array(intentRuleUnion()).default([]),
    gates: z.array(gateSchema).default([]),
  })
  .strict()
  .superRefine((model, ctx) => {
    const seen = new Set<string>();
    model.fit_rules.forEach((rule, i) => {
      const r = rule as FitRule;
      if (seen.has(r.field))
        ctx.addIssue({
          code: "custom",
          path: ["fit_rules", i, "field"],
          message: `field "${r.field}" already has a fit rule: merge them into one`,
        });
      seen.add(r.field);
    });
    const activities = new Set<string>();
    model.intent_rules.forEach((rule, i) => {
      const r = rule as IntentRule;
      const key = "activity" in r ? `activity:${r.activity}` : `count:${r.count_column}`;
      if (activities.has(key))
        ctx.addIssue({
          code: "custom",
          path: ["intent_rules", i],
          message: `${"activity" in r ? `activity "${r.activity}"` : `count_column "${r.count_column}"`} already has an intent rule: merge them into one`,
        });
      activities.add(key);
    });
  });

export type CategoricalRule = z.infer<typeof categoricalRuleSchema>;
export type NumericRule = z.infer<typeof numericRuleSchema>;
export type Bin = z.infer<typeof binSchema>;
export type FitRule = CategoricalRule | NumericRule;
export type ActivityRule = z.infer<typeof activityRuleSchema>;
export type CountRule = z.infer<typeof countRuleSchema>;
export type IntentRule = ActivityRule | CountRule;
export type Gate = z.infer<typeof gateSchema>;

/** A validated scoring model. */
export type Model = Omit<z.infer<typeof modelSchema>, "fit_rules" | "intent_rules"> & {
  fit_rules: FitRule[];
  intent_rules: IntentRule[];
};

export function isNumericRule(rule: FitRule): rule is NumericRule {
  return "bins" in rule;
}

export function isActivityRule(rule: IntentRule): rule is ActivityRule {
  return "activity" in rule;
}

/**
 * Parse and validate a model file's text; `name` (the file name) prefixes every message.
 * Throws a `UserError` listing each problem with its key and the fix.
 *
 * @example
 * parseModel("version: 1\nthreshold: 50\n", "m.yaml").threshold // => 50
 */
export function parseModel(text: string, name: string): Model {
  const data = parseYaml(text, name);
  if (typeof data !== "object" || Array.isArray(data)) {
    throw new UserError(
      `${name}: a model file must be a YAML mapping (version: 1, threshold: ...)`,
    );
  }
  const result = modelSchema.safeParse(data, { reportInput: true });
  if (!result.success) throw new UserError(formatModelIssues(result.error.issues, name));
  return result.data as Model;
}

/** The config's message style, with the model format reference as the fix for unknown keys. */
function formatModelIssues(issues: readonly z.core.$ZodIssue[], name: string): string {
  const lines = issues.slice(0, 10).map((issue) => {
    if (issue.code !== "unrecognized_keys") return formatIssues([issue], name);
    const key = issue.path.length > 0 ? issue.path.join(".") : "(top level)";
    const keys = issue.keys.map((k) => `"${k}"`).join(", ");
    return `${name}: ${key}: unknown key${issue.keys.length > 1 ? "s" : ""} ${keys}: check the spelling, or remove ${issue.keys.length > 1 ? "them" : "it"} (the model format is in docs/backtest.md)`;
  });
  if (issues.length > 10) lines.push(`... and ${issues.length - 10} more`);
  return lines.join("\n");
}

/** Every lead field a model reads (fit rules, count rules and gates), in first-use order. */
export function modelFields(model: Model): string[] {
  const fields = new Set<string>();
  for (const rule of model.fit_rules) fields.add(rule.field);
  for (const rule of model.intent_rules) if (!isActivityRule(rule)) fields.add(rule.count_column);
  for (const gate of model.gates) fields.add(gate.field);
  return [...fields];
}
