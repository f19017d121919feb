// The npm registry reachable from this project's machines does not serve some platform-specific
// optional packages (e.g. @unrs/resolver-binding-darwin-arm64, used by jest on other systems).
// `npm install` then writes a lock file that lists them as optional dependencies without entries,
// and `npm ci` refuses it as out of sync. This removes those dangling optional names so that
// `npm ci` installs exactly the locked tree. Run it after `npm install` changes package-lock.json.
const fs = require("fs");
const path = require("path");

const file = path.join(__dirname, "..", "package-lock.json");
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
let removed = 0;
for (const [key, entry] of Object.entries(lock.packages)) {
  if (!entry.optionalDependencies) continue;
  for (const dep of Object.keys(entry.optionalDependencies)) {
    const nested = key ? `${key}/node_modules/${dep}` : `node_modules/${dep}`;
    if (!lock.packages[nested] && !lock.packages[`node_modules/${dep}`]) {
      delete entry.optionalDependencies[dep];
      removed++;
    }
  }
}
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  `package-lock.json: removed ${removed} optional dependencies the registry does not serve`
);
