import * as fs from 'fs';
import * as path from 'path';

let cached: string | undefined;

/** This library's version, for reports (read once from the package's own package.json). */
export function toolVersion(): string {
  if (cached === undefined) {
    try {
      // lib/core/engine/ (or src/core/engine/ under ts-node) -> package root
      cached = String(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')).version ?? '0.0.0');
    } catch {
      cached = '0.0.0';
    }
  }
  return cached;
}
