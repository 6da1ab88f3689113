-- loaded-files: the export files behind the loaded data, for a report's model card: the latest
-- load of each kind (leads, deals, activities, spend) with the SHA-256 of its content.
-- params: none.
-- Output columns: kind, file (absolute path as loaded), sha256, rows_loaded INTEGER
SELECT kind, file, sha256, rows_loaded::INTEGER AS rows_loaded
FROM load_log
QUALIFY row_number() OVER (PARTITION BY kind ORDER BY load_id DESC) = 1
ORDER BY CASE kind WHEN 'leads' THEN 1 WHEN 'deals' THEN 2 WHEN 'activities' THEN 3 ELSE 4 END, kind
