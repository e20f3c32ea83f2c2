// Copy the JavaScript that the site serves from npm's node_modules into static/build,
// so that nothing is fetched from a CDN and nothing is copied by hand.
import { copyFileSync, mkdirSync } from "node:fs";

const files = [["node_modules/bootstrap/dist/js/bootstrap.bundle.min.js", "static/build/js/bootstrap.bundle.min.js"]];

mkdirSync("static/build/js", { recursive: true });
for (const [from, to] of files) {
  copyFileSync(from, to);
}
