-- Kaplan-Meier counts from a spells table: per group, entry month and duration day,
-- the number of exits (udgange) and of spells still running at the cut-off (censurerede).
--
-- Input: a table or view  forloeb(person, ydelse, startdato, slutdato, gruppe)  with
-- dates as DATE and slutdato NULL while a spell runs (the last day on benefit otherwise).
-- Output: gruppe, kohorte (entry year * 100 + month, e.g. 202007), dag (whole days on
-- benefit, counted inclusive), udgange, censurerede: the input of
-- `invest-xl curves --counts`.
--
-- invest-xl fills in the names in braces below: cutoff (the cut-off date), no_merge (1 to
-- keep every row as its own spell, --gap -1), and the two date expressions of the
-- engine's dialect, add_gap_months (the previous end plus the merge gap) and
-- days_on_benefit (see invest_xl.survival.counts.counts_sql and docs/register-scale.md).
WITH ordered AS (
    SELECT person, ydelse, startdato,
           COALESCE(NULLIF(TRIM(gruppe), ''), 'alle') AS gruppe,
           COALESCE(slutdato, CAST('9999-12-31' AS DATE)) AS slut,
           -- the latest end of the earlier spells of the same person and benefit
           MAX(COALESCE(slutdato, CAST('9999-12-31' AS DATE))) OVER (
               PARTITION BY person, ydelse
               ORDER BY startdato, COALESCE(slutdato, CAST('9999-12-31' AS DATE)), gruppe
               ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS forrige_slut
    FROM forloeb
),
flagged AS (
    SELECT person, ydelse, startdato, gruppe, slut,
           CASE WHEN {no_merge} = 1 OR forrige_slut IS NULL THEN 1
                WHEN forrige_slut = CAST('9999-12-31' AS DATE) THEN 0
                WHEN startdato > {add_gap_months} THEN 1
                ELSE 0 END AS nyt
    FROM ordered
),
numbered AS (
    SELECT person, ydelse, startdato, gruppe, slut, nyt,
           -- the same order as above, so each merged spell starts at its first row
           SUM(nyt) OVER (PARTITION BY person, ydelse ORDER BY startdato, slut, gruppe
                          ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS nummer
    FROM flagged
),
merged AS (
    -- a return within the gap continues the spell; it keeps its first row's group
    SELECT MIN(startdato) AS startdato, MAX(slut) AS slut,
           MIN(CASE WHEN nyt = 1 THEN gruppe END) AS gruppe
    FROM numbered
    GROUP BY person, ydelse, nummer
),
followed AS (
    SELECT gruppe, startdato,
           CASE WHEN slut <= {cutoff} THEN 1 ELSE 0 END AS udgang,
           CASE WHEN slut <= {cutoff} THEN slut ELSE {cutoff} END AS sidste_dag
    FROM merged
    WHERE startdato <= {cutoff}
),
durations AS (
    SELECT gruppe, YEAR(startdato) * 100 + MONTH(startdato) AS kohorte,
           {days_on_benefit} + 1 AS dag, udgang
    FROM followed
)
SELECT gruppe, kohorte, dag, SUM(udgang) AS udgange, SUM(1 - udgang) AS censurerede
FROM durations
GROUP BY gruppe, kohorte, dag
ORDER BY gruppe, kohorte, dag
