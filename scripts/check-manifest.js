// Offline check of a manifest against Microsoft's manifest XSDs (with libxml2's xmllint), plus
// what XSD cannot see: no development address left in a production manifest.
// Usage: node scripts/check-manifest.js dist/manifest.xml [schema folder]
// The schema folder defaults to ../shared/schemas/office-addin-manifest (a development aid kept
// beside the project, never bundled); `npm run validate` is Microsoft's online check.
const { execFileSync } = require("child_process");
const { existsSync, readFileSync } = require("fs");
const path = require("path");
const { DEV_URL } = require("./manifest-urls");

const manifest = process.argv[2] || "dist/manifest.xml";
// The schemas are looked for where they are given, else beside the project (../shared), where
// CI keeps them; without them the check says so and is skipped (the project never ships them).
const given = process.argv[3] || process.env.MANIFEST_XSD_DIR || "";
const schemas =
  given || path.join(__dirname, "..", "..", "shared", "schemas", "office-addin-manifest");
const xsd = path.join(schemas, "OfficeAppManifestV1_1.xsd");

if (!existsSync(manifest)) {
  console.error(`${manifest}: not found; run npm run build first`);
  process.exit(2);
}
if (readFileSync(manifest, "utf8").includes(DEV_URL)) {
  console.error(`${manifest}: still points at ${DEV_URL}; build it with npm run build`);
  process.exit(1);
}
if (!existsSync(xsd)) {
  if (given) {
    console.error(`${xsd}: the manifest schemas are not there; check the folder given`);
    process.exit(2);
  }
  console.log(
    `${manifest}: no localhost; XSD check skipped (no schemas at ${schemas}; give their folder as the second argument)`
  );
  process.exit(0);
}
try {
  execFileSync("xmllint", ["--noout", "--schema", xsd, manifest], { stdio: "inherit" });
} catch (error) {
  if (error.code === "ENOENT") {
    console.error("xmllint is not installed (apt-get install -y libxml2-utils)");
    process.exit(2);
  }
  process.exit(1);
}
