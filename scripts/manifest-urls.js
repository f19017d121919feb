// Where the built add-in is served from. `manifest.xml` names the development server
// (https://localhost:3000, for `npm start`); a production build writes the production address into
// dist/manifest.xml instead. The address comes from, in order: `--env addinUrl=…`, the ADDIN_URL
// environment variable, package.json's `config.addinUrl`.
const pkg = require("../package.json");

const DEV_URL = "https://localhost:3000";

/** The production address, checked: https, no trailing slash, no query. */
function addinUrl(env = {}) {
  const raw = String(env.addinUrl || process.env.ADDIN_URL || pkg.config.addinUrl || "");
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(
      `addinUrl "${raw}" is not a web address: give the https address dist/ is served from, e.g. --env addinUrl=https://addins.example.org/security`
    );
  }
  if (
    url.protocol !== "https:" ||
    url.search ||
    url.hash ||
    /localhost|127\.0\.0\.1/.test(url.host)
  )
    throw new Error(
      `addinUrl "${raw}" must be a public https address without a query (Office loads add-ins only over https); localhost is for npm start`
    );
  return url.href.replace(/\/+$/, "");
}

/** The manifest with every development address replaced by `url` (AppDomain: its origin). */
function productionManifest(xml, url) {
  return xml
    .split(`<AppDomain>${DEV_URL}</AppDomain>`)
    .join(`<AppDomain>${new URL(url).origin}</AppDomain>`)
    .split(DEV_URL)
    .join(url);
}

module.exports = { DEV_URL, addinUrl, productionManifest };
