// Generates src/schema.d.ts from the repository's openapi.yaml with openapi-typescript:
//   node scripts/schema.mjs           (npm run generate) writes it
//   node scripts/schema.mjs --check   (npm run check) fails when it is not what the document gives now: openapi.yaml
//                                     changed without a regeneration, or the file was edited by hand
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const document = "../../openapi.yaml";
const schema = join(packageDir, "src", "schema.d.ts");
// --root-types: each schema is also a type of its own name (GoRequest, ZipJob...), besides components["schemas"].
const options = ["--root-types", "--root-types-no-schema-prefix"];

const cli = join(dirname(createRequire(import.meta.url).resolve("openapi-typescript/package.json")), "bin", "cli.js");
function generate(output) {
  execFileSync(process.execPath, [cli, document, ...options, "--output", output], { cwd: packageDir, stdio: ["ignore", "ignore", "inherit"] });
}

if (!process.argv.includes("--check")) {
  generate(schema);
  console.log(`clients/typescript/src/schema.d.ts generated from openapi.yaml`);
} else {
  const temp = mkdtempSync(join(tmpdir(), "cloudcheck-kit-schema-"));
  try {
    generate(join(temp, "schema.d.ts"));
    if (readFileSync(join(temp, "schema.d.ts"), "utf8") !== readFileSync(schema, "utf8")) {
      console.error("clients/typescript/src/schema.d.ts is stale: it is not what openapi.yaml gives now.");
      console.error("Run npm run generate (at the repository root) and commit src/schema.d.ts.");
      process.exit(1);
    }
    console.log("clients/typescript/src/schema.d.ts matches openapi.yaml");
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
