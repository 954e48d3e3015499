// A Stryker reporter that appends each mutant's result to reports/mutation/<STRYKER_REPORT>.jsonl
// the moment it is known, so that a run stopped before its end (they take hours here) still
// leaves every result it reached; Stryker's own JSON report is written only at the end.
// `node scripts/mutate.mjs --summary` reads these lines when the JSON report is missing.
import { appendFileSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { declareClassPlugin, PluginKind } from "@stryker-mutator/api/plugin";

class ProgressReporter {
  static inject = [];
  file = `reports/mutation/${process.env.STRYKER_REPORT ?? "mutation"}.jsonl`;

  constructor() {
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, "");
  }

  onMutantTested(result) {
    const { fileName, location, mutatorName, replacement, status, statusReason } = result;
    const line = { file: relative(process.cwd(), fileName), location, mutatorName, replacement, status, static: result.static === true, statusReason: statusReason?.slice(0, 200) };
    appendFileSync(this.file, `${JSON.stringify(line)}\n`);
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.Reporter, "progress-jsonl", ProgressReporter)];
