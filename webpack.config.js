/* eslint-disable no-undef */
// Two builds: the Office add-in (task pane + custom functions sharing one runtime) and the
// security-pcs command line for Node. Neither touches certificates; only `dev-server` does.
const fs = require("fs");
const path = require("path");
const webpack = require("webpack");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const { addinUrl, productionManifest } = require("./scripts/manifest-urls");

const dist = path.resolve(__dirname, "dist");
const tsRule = {
  test: /\.ts$/,
  exclude: /node_modules/,
  use: { loader: "ts-loader", options: { transpileOnly: true } },
};

async function devServerHttps() {
  // Imported lazily so that builds never load the certificate tooling.
  const devCerts = require("office-addin-dev-certs");
  return devCerts.getHttpsServerOptions();
}

module.exports = async (env, argv) => {
  const dev = argv.mode === "development";
  const serving = Boolean(env && env.WEBPACK_SERVE);
  // A production build names where dist/ is served; development keeps https://localhost:3000.
  const production = !dev && !serving;
  const url = production ? addinUrl(env) : null;
  const addin = {
    name: "addin",
    target: "web",
    devtool: dev ? "source-map" : false,
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/taskpane.ts",
    },
    output: { path: dist, filename: "[name].js", globalObject: "globalThis", clean: false },
    resolve: { extensions: [".ts", ".js"] },
    module: { rules: [tsRule] },
    performance: { maxEntrypointSize: 400000, maxAssetSize: 400000 },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: "./src/functions/functions.ts",
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        scriptLoading: "defer",
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "[path][name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          {
            from: "manifest.xml",
            to: "manifest.xml",
            transform: (content) =>
              url ? productionManifest(content.toString("utf8"), url) : content,
          },
        ],
      }),
    ],
  };
  if (serving) {
    addin.devServer = {
      static: { directory: dist },
      headers: { "Access-Control-Allow-Origin": "*" },
      server: { type: "https", options: await devServerHttps() },
      port: 3000,
    };
  }
  const cli = {
    name: "cli",
    target: "node",
    devtool: false,
    entry: {
      "cli/security-pcs": "./src/cli/security-pcs.ts",
      "cli/csv-part": "./src/cli/csv-part-worker.ts",
      "bench/bench": "./bench/bench.ts",
    },
    output: { path: dist, filename: "[name].js", clean: false },
    resolve: { extensions: [".ts", ".js"] },
    module: { rules: [tsRule] },
    // Libraries stay in node_modules; only the project's own code is bundled.
    externals: [
      ({ request }, callback) =>
        /^[a-z@][^:]*$/i.test(request) && !request.startsWith(".")
          ? callback(null, `commonjs ${request}`)
          : callback(),
    ],
    optimization: { minimize: false },
    plugins: [
      new webpack.BannerPlugin({
        banner: "#!/usr/bin/env node",
        raw: true,
        entryOnly: true,
        include: /security-pcs/,
      }),
      {
        // The command line must be executable for npm's bin link and for `./dist/cli/security-pcs.js`.
        apply: (compiler) =>
          compiler.hooks.afterEmit.tap("ExecutableCli", () => {
            const file = path.join(dist, "cli", "security-pcs.js");
            if (fs.existsSync(file)) fs.chmodSync(file, 0o755);
          }),
      },
    ],
  };
  return serving ? addin : [addin, cli];
};
