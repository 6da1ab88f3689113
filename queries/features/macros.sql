-- macros: derived fields every stage computes identically (features, fit, backtest, score).
-- params: none. Idempotent (CREATE OR REPLACE). Run once per database before the other
-- features/*.sql queries: `await db.execOnce("features/macros")` (once per open database).
-- Defines:
--   decision_at_of(created_at, mql_at, decision, scoring_days) -> TIMESTAMP
--   period_of(ts)                -> VARCHAR calendar quarter, e.g. '2026Q3'
--   title_words_of(title)        -> VARCHAR normalised title (helper for seniority_of)
--   seniority_of(title)          -> 'C-level' | 'VP' | 'Director' | 'Manager'
--                                   | 'Individual contributor' | 'Student' | 'unknown'
--   size_band_of(employees)      -> '1-10' | '11-50' | '51-200' | '201-500' | '501-1000'
--                                   | '1001-5000' | '5001+' | 'unknown'
--   size_band_rank_of(band)      -> INTEGER order of a size band (unknown = 0)
--   decay_weight_of(age_days, half_life_days) -> DOUBLE 0.5^(age / half-life)
-- Rules are documented in docs/features-and-fit.md and tested in test/features/macros.test.ts.

-- A lead's decision time: the moment it was (or would have been) judged for MQL.
--   decision = 'created': created_at + scoring_days.
--   decision = 'mql': its historical mql_at; a lead that never became an MQL is judged at
--   created_at + scoring_days (the moment it would have been judged under the same rule).
--   NULL when the lead has no created_at (flat exports without dates) and no usable mql_at.
CREATE OR REPLACE MACRO decision_at_of(created_at, mql_at, decision, scoring_days) AS
  CASE
    WHEN decision = 'mql' AND mql_at IS NOT NULL THEN mql_at
    WHEN created_at IS NULL THEN NULL
    ELSE created_at + to_seconds(CAST(scoring_days AS DOUBLE) * 86400)
  END;

CREATE OR REPLACE MACRO period_of(ts) AS
  CASE WHEN ts IS NULL THEN NULL ELSE strftime(ts, '%Y') || 'Q' || CAST(quarter(ts) AS VARCHAR) END;

-- Lower case, every run of characters other than letters and digits replaced by one space,
-- padded with a space on each side so that ' word ' matches whole words only, and the
-- spellings of "vice president" folded into ' vp '.
CREATE OR REPLACE MACRO title_words_of(title) AS
  regexp_replace(
    ' ' || regexp_replace(
      regexp_replace(lower(coalesce(title, '')), 'vice[^a-z]{0,3}pr(e|é)sid(e|a)nt[a-z]*|vicepr(e|é)sid(e|a)nt[a-z]*|vizepr(ä|ae)sident[a-z]*|(^|[^a-z])v\. ?p\.', ' vp ', 'g'),
      '[^a-z0-9äöüßàâçéèêëîïôûùñ]+', ' ', 'g'
    ) || ' ',
    ' +', ' ', 'g'
  );

-- Seniority from a job title. First matching rule wins:
--  1 unknown: empty, or a placeholder (n/a, none, unknown, test, other, -, ...).
--  2 Student: students, interns, trainees, apprentices (Werkstudent, Praktikant, stagiaire, ...):
--    not buyers, whatever else the title says ("Marketing Intern").
--  3 Individual contributor: assistants *to* someone ("Executive Assistant to the CEO",
--    "EA to CEO"), product/process owners (before "owner" and "CEO" can match).
--  4 C-level: chief ... officer, CxO abbreviations (CEO, CFO, CMO, CRO, CTO, COO, CIO, CPO,
--    CDO, CCO, CSO, CISO, CXO), founder / co-founder, owner, proprietor, president (not vice),
--    chairman / chair / board member, managing / general / founding partner, managing director,
--    Geschäftsführer, Inhaber, Vorstand, PDG, directeur général, director general, c-level.
--  5 VP: vp / svp / evp / avp / vice president (any spelling), "head of", "head" as a word,
--    general manager.
--  6 Director: director, directeur/directrice, direktor(in), directora, dir, leiter(in),
--    chief of staff, jefe/jefa.
--  7 Manager: manager, mgr, mngr, gerente, responsable, supervisor, team/tech/... lead
--    (not "lead generation").
--  8 Individual contributor: any other non-empty title.
CREATE OR REPLACE MACRO seniority_of(title) AS (
  WITH t AS (SELECT title_words_of(title) AS w)
  SELECT CASE
    WHEN trim(w) = '' OR regexp_matches(w, '^ (n a|na|none|null|unknown|not provided|test|other|x|xx|xxx|no title|tbd|self) $')
      THEN 'unknown'
    WHEN regexp_matches(w, ' (student|intern|internship|trainee|apprentice|werkstudent|werkstudentin|praktikant|praktikantin|stagiaire|alternant|becario|becaria|graduand|phd candidate) ')
      THEN 'Student'
    WHEN regexp_matches(w, ' (assistant|asst|ea|pa|secretary) (to|of|for) | (product|process|content|service) owner ')
      THEN 'Individual contributor'
    WHEN regexp_matches(w, ' chief [a-z ]*officer | c[a-z]o | ciso | cxo | c level | c suite | (co )?founder | cofounder | owner | proprietor | pr(e|é)sident | presidente | chair | chairman | chairwoman | chairperson | board member | (managing|general|founding|senior|equity) partner |^ partner $| managing director | gesch(ä|ae)ftsf(ü|ue)hrer[a-z]* | inhaber[a-z]* | vorstand[a-z]* | pdg | (directeur|directrice|director|directora) g(é|e)n(é|e)ral[a-z]* ')
      THEN 'C-level'
    WHEN regexp_matches(w, ' (vp|svp|evp|avp|vps) | head | general manager ')
      THEN 'VP'
    WHEN regexp_matches(w, ' (director|directors|directeur|directrice|direktor|direktorin|directora|dir|leiter|leiterin|jefe|jefa) | chief of staff | [a-z]*(leiter|leiterin) ')
      THEN 'Director'
    WHEN regexp_matches(w, ' (manager|managers|mgr|mngr|manger|gerente|responsable|supervisor|teamlead|teamleader) | [a-z]+manager ')
         OR (regexp_matches(w, ' (lead|leader) ') AND NOT regexp_matches(w, ' lead (gen|generation|generator|nurturing|development|qualification|management) '))
      THEN 'Manager'
    ELSE 'Individual contributor'
  END FROM t
);

-- Company-size band from an employee count (LinkedIn-style bands). NULL or below 1: unknown.
CREATE OR REPLACE MACRO size_band_of(employees) AS
  CASE
    WHEN employees IS NULL OR employees < 1 THEN 'unknown'
    WHEN employees <= 10 THEN '1-10'
    WHEN employees <= 50 THEN '11-50'
    WHEN employees <= 200 THEN '51-200'
    WHEN employees <= 500 THEN '201-500'
    WHEN employees <= 1000 THEN '501-1000'
    WHEN employees <= 5000 THEN '1001-5000'
    ELSE '5001+'
  END;

CREATE OR REPLACE MACRO size_band_rank_of(band) AS
  CASE band
    WHEN '1-10' THEN 1 WHEN '11-50' THEN 2 WHEN '51-200' THEN 3 WHEN '201-500' THEN 4
    WHEN '501-1000' THEN 5 WHEN '1001-5000' THEN 6 WHEN '5001+' THEN 7 ELSE 0
  END;

-- Weight of an event age_days old with a half-life: 1 at age 0, 0.5 at one half-life.
CREATE OR REPLACE MACRO decay_weight_of(age_days, half_life_days) AS
  pow(0.5, CAST(age_days AS DOUBLE) / CAST(half_life_days AS DOUBLE));
