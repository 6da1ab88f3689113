export { Db, type Params, type Row, withDb } from "./connection.js";
export { loadQuery, QUERIES_DIR } from "./queries.js";
export { quoteIdent, quoteString, quoteStringList, sqlNumber } from "./quote.js";
export {
  dataFingerprint,
  forgetStageResult,
  openResultStore,
  queriesFingerprint,
  type ResultStore,
  readStageResult,
  reuseAllowed,
  settingsKey,
  writeStageResult,
} from "./stage-results.js";
