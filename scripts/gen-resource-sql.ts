// Prints CREATE TABLE statements for the resource specs. Used once to write a migration by hand
// review; migrations are never generated at run time (history must not change with the specs).
import { RESOURCES, resource, scopeColumns, snake, type FieldSpec } from "../packages/domain/src/index.ts";

const scopeTable: Record<string, string> = {
  strategyId: "strategy",
  planId: "action_plan",
  programId: "program",
  directionId: "direction",
};

function colType(fs: FieldSpec): string {
  const t = fs.type;
  switch (t.kind) {
    case "text":
      return "text";
    case "int":
      return "integer";
    case "year":
      return "integer";
    case "decimal":
      return "numeric";
    case "money":
      return "numeric(18,2)";
    case "date":
      return "date";
    case "bool":
      return "boolean";
    case "enum":
      return "text";
    case "ref":
      return "uuid";
  }
}

const out: string[] = [];
const order = ["municipality", "strategy", "program", "plan"];
for (const spec of [...RESOURCES].sort((a, b) => order.indexOf(a.scope) - order.indexOf(b.scope))) {
  const lines = [
    "  id uuid PRIMARY KEY DEFAULT gen_random_uuid()",
    "  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE",
  ];
  for (const s of scopeColumns(spec)) {
    if (spec.parent?.field === s) continue;
    lines.push(`  ${snake(s)} uuid NOT NULL REFERENCES ${scopeTable[s]}(id) ON DELETE CASCADE`);
  }
  if (spec.parent) {
    lines.push(`  ${snake(spec.parent.field)} uuid NOT NULL REFERENCES ${resource(spec.parent.resource).table}(id) ON DELETE CASCADE`);
  }
  for (const fs of spec.fields) {
    let l = `  ${snake(fs.name)} ${colType(fs)}`;
    if (fs.required) l += " NOT NULL";
    if (fs.type.kind === "ref") {
      l += ` REFERENCES ${resource(fs.type.resource).table}(id) ON DELETE ${fs.required ? "RESTRICT" : "SET NULL"}`;
    }
    if (fs.type.kind === "enum") l += ` CHECK (${snake(fs.name)} IN (${fs.type.values.map((v) => `'${v}'`).join(", ")}))`;
    if (fs.type.kind === "money") l += ` CHECK (${snake(fs.name)} >= 0)`;
    if (fs.type.kind === "year") l += ` CHECK (${snake(fs.name)} BETWEEN 1900 AND 2200)`;
    lines.push(l);
  }
  lines.push(
    "  version integer NOT NULL DEFAULT 1",
    "  created_at timestamptz NOT NULL DEFAULT now()",
    "  updated_at timestamptz NOT NULL DEFAULT now()",
  );
  for (const u of spec.unique ?? []) {
    const owner = spec.parent ? snake(spec.parent.field) : "municipality_id";
    lines.push(`  UNIQUE (${[owner, ...u.map(snake)].join(", ")})`);
  }
  out.push(`CREATE TABLE ${spec.table} (\n${lines.join(",\n")}\n);`);
  const idx = new Set<string>();
  idx.add("municipality_id");
  if (spec.parent) idx.add(snake(spec.parent.field));
  for (const s of scopeColumns(spec)) idx.add(snake(s));
  for (const c of idx) out.push(`CREATE INDEX ON ${spec.table} (${c});`);
}
console.log(out.join("\n"));
