-- status-rejects: rejected rows per kind and reason, with one example each.
-- params: none. output: kind, reason, rows, example_file, example_line, example_column, example_message, example_value.
SELECT kind, reason, count(*)::BIGINT AS rows,
  arg_min(file, line) AS example_file, min(line) AS example_line,
  arg_min("column", line) AS example_column, arg_min(message, line) AS example_message, arg_min(value, line) AS example_value
FROM rejects
GROUP BY kind, reason
ORDER BY kind, rows DESC, reason;
