// Runs tests/pyodide/check.py in real Pyodide (the npm package "pyodide", under Node), on the job
// given as a JSON file; prints the check's JSON result.
// Usage: node run.mjs JOB.json FOLDER, FOLDER holding node_modules/pyodide (npm install pyodide@0.27.5).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const [job, folder] = process.argv.slice(2);
const { loadPyodide } = await import(pathToFileURL(join(folder, "node_modules", "pyodide", "pyodide.mjs")).href);
const pyodide = await loadPyodide({ stdout: () => {}, stderr: () => {} });
pyodide.globals.set("JOB", readFileSync(job, "utf-8"));
const check = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "check.py"), "utf-8");
process.stdout.write(pyodide.runPython(check));
