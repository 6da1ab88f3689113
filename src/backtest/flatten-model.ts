import {
  isActivityRule,
  isNumericRule,
  type Model,
  RESERVED_CATEGORY_KEYS,
} from "../model/model-file.js";

/**
 * A model's rules as rows, one JSON array per rule table, ready to bind as query parameters
 * (`queries/backtest/lead-rule-points.sql`, `intent-points-at.sql` unnest them with `from_json`).
 * Model values reach SQL only this way: bound strings, never pasted into the query text.
 */
export interface ModelRows {
  fit_fields: string;
  fit_categories: string;
  fit_bins: string;
  count_rules: string;
  gates: string;
  gate_values: string;
  intent_rules: string;
  /** [{kind: fit|intent|gate, rule_no, name, label}]: how reasons name each rule. */
  rule_labels: string;
}

export function flattenModel(model: Model): ModelRows {
  const fitFields: object[] = [];
  const fitCategories: object[] = [];
  const fitBins: object[] = [];
  const ruleLabels: object[] = [];
  model.fit_rules.forEach((rule, ruleNo) => {
    ruleLabels.push({ kind: "fit", rule_no: ruleNo, name: rule.field, label: rule.label ?? null });
    if (isNumericRule(rule)) {
      fitFields.push({
        rule_no: ruleNo,
        field: rule.field,
        kind: "numeric",
        other_points: 0,
        missing_points: rule.missing ?? 0,
      });
      for (const bin of rule.bins)
        fitBins.push({
          field: rule.field,
          lo: bin.min ?? null,
          hi: bin.max ?? null,
          points: bin.points,
        });
    } else {
      fitFields.push({
        rule_no: ruleNo,
        field: rule.field,
        kind: "categorical",
        other_points: rule.points.other ?? 0,
        missing_points: rule.points.missing ?? 0,
      });
      for (const [value, points] of Object.entries(rule.points)) {
        if ((RESERVED_CATEGORY_KEYS as readonly string[]).includes(value)) continue;
        fitCategories.push({ field: rule.field, value, points });
      }
    }
  });
  const countRules: object[] = [];
  const intentRules: object[] = [];
  model.intent_rules.forEach((rule, ruleNo) => {
    ruleLabels.push({
      kind: "intent",
      rule_no: ruleNo,
      name: isActivityRule(rule) ? rule.activity : rule.count_column,
      label: rule.label ?? null,
    });
    if (isActivityRule(rule)) {
      intentRules.push({
        rule_no: ruleNo,
        activity: rule.activity,
        points: rule.points,
        cap: rule.cap ?? null,
        half_life_days: rule.half_life_days ?? null,
      });
    } else {
      countRules.push({
        rule_no: ruleNo,
        field: rule.count_column,
        points: rule.points,
        cap: rule.cap ?? null,
      });
    }
  });
  const gates: object[] = [];
  const gateValues: object[] = [];
  model.gates.forEach((gate, gateNo) => {
    ruleLabels.push({ kind: "gate", rule_no: gateNo, name: gate.field, label: gate.label ?? null });
    gates.push({
      gate_no: gateNo,
      field: gate.field,
      has_in: gate.in !== undefined,
      has_not_in: gate.not_in !== undefined,
      min: gate.min ?? null,
      max: gate.max ?? null,
    });
    for (const value of gate.in ?? []) gateValues.push({ gate_no: gateNo, kind: "in", value });
    for (const value of gate.not_in ?? [])
      gateValues.push({ gate_no: gateNo, kind: "not_in", value });
  });
  return {
    fit_fields: JSON.stringify(fitFields),
    fit_categories: JSON.stringify(fitCategories),
    fit_bins: JSON.stringify(fitBins),
    count_rules: JSON.stringify(countRules),
    gates: JSON.stringify(gates),
    gate_values: JSON.stringify(gateValues),
    intent_rules: JSON.stringify(intentRules),
    rule_labels: JSON.stringify(ruleLabels),
  };
}
