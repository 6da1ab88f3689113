import { Db } from "./src/db/index.js";

const db = await Db.open();
await db.exec("load/schema");
await db.run(
  "insert into leads (lead_id, created_at, source_file, source_line, country) values ('a', now()::timestamp, 'f', 1, 'US'), ('b', now()::timestamp, 'f', 2, null)",
);
console.log(
  (
    await db.all("select column_name, column_type, null_percentage, count from (summarize leads)")
  ).slice(0, 4),
);
